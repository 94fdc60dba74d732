import { byDateAsc, byDateDesc, eventItem, joinParts, range } from './event-items';
import { recordMarkings } from '../access';
import type { Disclosure } from './masking';
import type { SourceRef } from './provenance';
import type { EventItem } from './profiles.schema';

/** The dated sections of a person profile, each built from one typed fact table. */
/** A typed fact row as `to_jsonb` gives it: text, numbers and nulls. */
export type FactRow = Record<string, string | number | null | undefined>;
export interface RefRow {
  ref: SourceRef;
  row: FactRow;
}

export function travelItems(d: Disclosure, admissions: RefRow[], departures: RefRow[], border: RefRow[]): EventItem[] {
  const items = [
    ...admissions.map(({ ref, row: r }) =>
      eventItem(d, ref, r['admission_date'], `Admission ${r['class_of_admission'] ?? ''}`.trim(), [
        ['I-94 number', r['admission_number']],
        ['Class of admission', r['class_of_admission']],
        ['Admit until', r['admit_until_date'] ?? 'D/S (duration of status)'],
        ['Port of entry', r['port_of_entry']],
        ['Mode', r['mode']],
        ['Passport', joinParts(r['passport_number'], r['passport_country'])],
        ['SEVIS ID', r['sevis_id']],
        ['Visa foil', r['visa_foil_number']],
      ]),
    ),
    ...departures.map(({ ref, row: r }) =>
      eventItem(d, ref, r['departure_date'], 'Departure', [
        ['I-94 number', r['admission_number']],
        ['Port', r['port']],
        ['Mode', r['mode']],
        ['Passport', r['passport_number']],
      ]),
    ),
    ...border
      .filter(({ row }) => row['record_type'] === 'CROSSING')
      .map(({ ref, row: r }) =>
        eventItem(d, ref, r['event_date'], `Border crossing ${String(r['direction'] ?? '').toLowerCase()}`.trim(), [
          ['Port', r['port']],
          ['Conveyance', r['conveyance']],
          ['Vehicle plate', r['vehicle_plate']],
          ['Passport', joinParts(r['passport_number'], r['passport_country'])],
        ]),
      ),
  ];
  return items.sort(byDateDesc);
}

export function visaItems(d: Disclosure, visas: RefRow[]): EventItem[] {
  return visas
    .map(({ ref, row: r }) =>
      eventItem(d, ref, r['issuance_date'], `Visa ${r['visa_class'] ?? ''} ${String(r['status'] ?? '').toLowerCase()}`.replace(/\s+/g, ' ').trim(), [
        ['Visa foil', r['visa_foil_number']],
        ['Class', r['visa_class']],
        ['Status', r['status']],
        ['Valid', range(r['issuance_date'], r['expiration_date'])],
        ['Issuing post', r['issuing_post']],
        ['Entries', r['entries']],
        ['Revoked', r['revocation_date']],
        ['Revocation reason', r['revocation_reason']],
      ]),
    )
    .sort(byDateDesc);
}

export function sevisItems(d: Disclosure, events: RefRow[]): EventItem[] {
  return events
    .map(({ ref, row: r }) =>
      eventItem(d, ref, r['status_date'], `SEVIS ${r['status'] ?? ''}`.trim(), [
        ['SEVIS ID', r['sevis_id']],
        ['Visa type', r['visa_type']],
        ['School', joinParts(r['school_name'], r['school_code'] ? `(${r['school_code']})` : null)],
        ['Program', range(r['program_start_date'], r['program_end_date'])],
        ['Level', r['education_level']],
        ['Major', r['major']],
        ['Termination reason', r['termination_reason']],
        ['OPT', r['opt_type'] ? `${r['opt_type']} ${range(r['opt_start_date'], r['opt_end_date']) ?? ''}`.trim() : null],
        ['U.S. address', r['us_address']],
        ['DSO', joinParts(r['dso_name'], r['dso_id'] ? `(${r['dso_id']})` : null)],
      ]),
    )
    .sort(byDateAsc);
}

export function benefitItems(d: Disclosure, claims: RefRow[]): EventItem[] {
  return claims
    .map(({ ref, row: r }) =>
      eventItem(d, ref, r['received_date'], `${r['form_type'] ?? 'Application'} ${String(r['status'] ?? '').toLowerCase()}`.trim(), [
        ['Receipt number', r['receipt_number']],
        ['Requested class', r['requested_class']],
        ['Status', r['status']],
        ['Decided', r['decision_date']],
        ['Approved until', r['approved_until_date']],
        ['A-number', r['a_number']],
        ['I-94 number', r['admission_number']],
      ]),
    )
    .sort(byDateDesc);
}

export function enforcementItems(d: Disclosure, eid: RefRow[], border: RefRow[]): EventItem[] {
  const items = [
    ...eid.map(({ ref, row: r }) =>
      eventItem(d, ref, r['event_date'], String(r['event_type'] ?? 'Enforcement event').replace(/_/g, ' '), [
        ['Location', r['location']],
        ['Charge code', r['charge_code'], 'CRIMINAL'],
        ['Charge', r['charge_description'], 'CRIMINAL'],
        ['Disposition', r['disposition'], 'CRIMINAL'],
        ['A-number', r['a_number']],
        ['FIN', r['fin']],
      ]),
    ),
    ...border
      .filter(({ row }) => row['record_type'] !== 'CROSSING')
      .map(({ ref, row: r }) =>
        eventItem(d, ref, r['event_date'], r['record_type'] === 'LOOKOUT' ? 'TECS lookout' : `TECS ${String(r['record_type']).toLowerCase()}`, [
          ['Category', r['lookout_category']],
          ['Reason', r['lookout_reason']],
          ['Commodity', r['commodity']],
          ['Declared value (USD)', r['declared_value_usd'], 'FINANCIAL'],
          ['Counterparty', r['counterparty']],
          ['Port', r['port']],
        ]),
      ),
  ];
  return items.sort(byDateDesc);
}

export function encounterItems(d: Disclosure, ident: RefRow[]): EventItem[] {
  return ident
    .map(({ ref, row: r }) =>
      eventItem(d, ref, r['encounter_date'], `Biometric encounter (${String(r['encounter_type'] ?? '').toLowerCase().replace(/_/g, ' ')})`, [
        ['FIN', r['fin']],
        ['Location', r['location']],
        ['Photo', r['photo_ref']],
      ]),
    )
    .sort(byDateDesc);
}

/** A tip naming its tipster is marked INFORMANT as a whole: its narrative is withheld with the identity. */
export function tipItems(d: Disclosure, tips: RefRow[]): EventItem[] {
  return tips
    .map(({ ref, row: r }) =>
      eventItem(d, ref, r['received_date'], `Tip (${String(r['channel'] ?? '').toLowerCase()})`, [
        ['Narrative', r['narrative'], recordMarkings('tips', r).includes('INFORMANT') ? 'INFORMANT' : 'TIP'],
        ['Tipster', r['tipster_name'] ?? 'anonymous', 'INFORMANT'],
        ['Tipster phone', r['tipster_phone'], 'INFORMANT'],
        ['Tipster e-mail', r['tipster_email'], 'INFORMANT'],
        ['Confidential', r['confidential']],
      ]),
    )
    .sort(byDateDesc);
}

export function callItems(d: Disclosure, calls: RefRow[]): EventItem[] {
  return calls
    .map(({ ref, row: r }) =>
      eventItem(d, ref, r['start_time'], `${r['call_type'] === 'SMS' ? 'Message' : 'Call'}`, [
        ['From', r['calling_number'], 'CDR'],
        ['To', r['called_number'], 'CDR'],
        ['Started', r['start_time'], 'CDR'],
        ['Duration (s)', r['duration_seconds'], 'CDR'],
        ['Carrier', r['carrier'], 'CDR'],
        ['Cell site', r['cell_site'], 'CDR'],
        ['Legal process', r['legal_process_ref'], 'CDR'],
      ]),
    )
    .sort(byDateDesc);
}
