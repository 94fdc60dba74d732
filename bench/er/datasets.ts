import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { MatchRecord } from '../../src/modules/resolve/match';

export const ER_DIR =
  process.env.ER_DATA_DIR ?? join(import.meta.dirname, '../../../shared/eval/er');

/** The `commercial` source's columns (docs/sources): every data set is mapped into these first. */
export interface CommercialRow {
  record_id: string;
  given_name: string;
  middle_name: string;
  family_name: string;
  birth_date: string;
  ssn: string;
  address_line1: string;
  address_line2: string;
  city: string;
  state: string;
  postal_code: string;
  country: string;
  phone: string;
  email: string;
  employer: string;
  observed_date: string;
}

export interface Dataset {
  name: string;
  task: 'dedupe' | 'link';
  records: MatchRecord[];
  /** Ground-truth person per record (same order). Never read by the matcher. */
  truth: string[];
}

type Row = Record<string, string>;

function readCsv(file: string): Row[] {
  const text = readFileSync(join(ER_DIR, file), 'utf8');
  return parse<Row>(text, {
    columns: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
  });
}

function blankRow(id: string): CommercialRow {
  return {
    record_id: id,
    given_name: '',
    middle_name: '',
    family_name: '',
    birth_date: '',
    ssn: '',
    address_line1: '',
    address_line2: '',
    city: '',
    state: '',
    postal_code: '',
    country: '',
    phone: '',
    email: '',
    employer: '',
    observed_date: '',
  };
}

/** The one generic mapping from commercial rows to match records. */
export function commercialToMatch(row: CommercialRow, source: string): MatchRecord {
  const line = [row.address_line1, row.address_line2].filter((s) => s.trim() !== '').join(', ');
  return {
    id: row.record_id,
    source,
    givenName: row.given_name || null,
    middleName: row.middle_name || null,
    familyName: row.family_name || null,
    birthDate: row.birth_date || null,
    ssn: row.ssn || null,
    addressLine: line || null,
    city: row.city || null,
    state: row.state || null,
    postalCode: row.postal_code || null,
    phone: row.phone || null,
    email: row.email || null,
    employer: row.employer || null,
  };
}

/** FEBRL dates are YYYYMMDD, sometimes impossible: reformat the digits, keep them as received. */
function febrlDate(raw: string): string {
  return /^\d{8}$/.test(raw) ? `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}` : raw;
}

function febrlRow(r: Row): CommercialRow {
  return {
    ...blankRow(r.rec_id!),
    given_name: r.given_name ?? '',
    family_name: r.surname ?? '',
    birth_date: febrlDate(r.date_of_birth ?? ''),
    ssn: r.soc_sec_id ?? '',
    address_line1: [r.street_number, r.address_1].filter((s) => s).join(' '),
    address_line2: r.address_2 ?? '',
    city: r.suburb ?? '',
    state: r.state ?? '',
    postal_code: r.postcode ?? '',
  };
}

function febrlTruth(id: string): string {
  return /rec-(\d+)-/.exec(id)![1]!;
}

function loadFebrl(name: string, files: string[], task: 'dedupe' | 'link'): Dataset {
  const records: MatchRecord[] = [];
  const truth: string[] = [];
  for (const file of files) {
    for (const r of readCsv(file)) {
      const row = febrlRow(r);
      records.push(commercialToMatch(row, file));
      truth.push(febrlTruth(row.record_id));
    }
  }
  return { name, task, records, truth };
}

function loadRl(name: string, file: string): Dataset {
  const records: MatchRecord[] = [];
  const truth: string[] = [];
  for (const r of readCsv(file)) {
    const pad = (v: string | undefined) => (v ?? '').padStart(2, '0');
    const row: CommercialRow = {
      ...blankRow(r.record_id!),
      given_name: r.fname_c1 ?? '',
      middle_name: r.fname_c2 ?? '',
      family_name: [r.lname_c1, r.lname_c2].filter((s) => s).join(' '),
      birth_date: r.by ? `${r.by}-${pad(r.bm)}-${pad(r.bd)}` : '',
    };
    records.push(commercialToMatch(row, file));
    truth.push(r.label_true!);
  }
  return { name, task: 'dedupe', records, truth };
}

function loadFake(): Dataset {
  const file = 'splink_datasets/fake_1000.csv';
  const records: MatchRecord[] = [];
  const truth: string[] = [];
  for (const r of readCsv(file)) {
    const row: CommercialRow = {
      ...blankRow(r.unique_id!),
      given_name: r.first_name ?? '',
      family_name: r.surname ?? '',
      birth_date: r.dob ?? '',
      city: r.city ?? '',
      email: r.email ?? '',
    };
    records.push(commercialToMatch(row, file));
    truth.push(r.cluster!);
  }
  return { name: 'fake_1000', task: 'dedupe', records, truth };
}

export const DATASETS: { name: string; load: () => Dataset }[] = [
  { name: 'febrl1', load: () => loadFebrl('febrl1', ['febrl/dataset1.csv'], 'dedupe') },
  { name: 'febrl2', load: () => loadFebrl('febrl2', ['febrl/dataset2.csv'], 'dedupe') },
  { name: 'febrl3', load: () => loadFebrl('febrl3', ['febrl/dataset3.csv'], 'dedupe') },
  {
    name: 'febrl4',
    load: () => loadFebrl('febrl4', ['febrl/dataset4a.csv', 'febrl/dataset4b.csv'], 'link'),
  },
  { name: 'fake_1000', load: loadFake },
  { name: 'rldata500', load: () => loadRl('rldata500', 'rldata/RLdata500.csv') },
  { name: 'rldata10000', load: () => loadRl('rldata10000', 'rldata/RLdata10000.csv') },
];
