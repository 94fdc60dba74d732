import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database';
import type { Session } from '../../test/test-app';
import { ingestRows, makeEntity, randomDigits, uniqueSurname } from '../search/test-world';

/**
 * Test factories for disclosures: synthetic persons with records ingested through the real
 * pipeline and linked by hand (no resolver needed), and a helper to disclose through the API.
 */
export interface TestPerson {
  id: string;
  name: string;
  family: string;
  passport: string;
  /** source_records.id of the person's records as subject, by label. */
  refs: Record<string, string>;
  /** A tip about the person whose tipster is someone else (records where they are not the subject). */
  tipRef: string;
  tipsterName: string;
}

export async function makeTestPerson(database: Database, given = 'Yuriy'): Promise<TestPerson> {
  const family = uniqueSurname().latin;
  const passport = `P${randomDigits(7)}`;
  const arrivals = await ingestRows(database, 'adis-arrivals', [
    { record_id: 'A1', admission_number: randomDigits(11), family_name: family, given_name: given, birth_date: '1990-02-14', citizenship_country: 'RUS', passport_number: passport, passport_country: 'RUS', class_of_admission: 'F1', admission_date: '2024-01-05', admit_until_date: '2024-07-04' },
    { record_id: 'A2', admission_number: randomDigits(11), family_name: family, given_name: given, birth_date: '1990-02-14', citizenship_country: 'RUS', passport_number: passport, passport_country: 'RUS', class_of_admission: 'F1', admission_date: '2025-01-05', admit_until_date: '2025-07-04' },
  ]);
  const tipsterName = `Dana ${uniqueSurname().latin}`;
  const tips = await ingestRows(database, 'tips', [
    { record_id: 'T1', received_date: '2025-05-02', channel: 'WEB', narrative: 'Works full time off campus.', subject_family_name: family, subject_given_name: given, tipster_name: tipsterName, confidential: 'Y' },
  ]);
  const refs = { A1: arrivals.refs['A1']!, A2: arrivals.refs['A2']! };
  const name = `${given} ${family}`;
  const id = await makeEntity(database, { displayName: name, links: [{ ref: refs.A1 }, { ref: refs.A2 }, { ref: tips.refs['T1']! }] });
  await makeEntity(database, { displayName: tipsterName, links: [{ ref: tips.refs['T1']!, role: 'tipster' }] });
  return { id, name, family, passport, refs, tipRef: tips.refs['T1']!, tipsterName };
}

export interface DiscloseOptions {
  persons: readonly TestPerson[];
  kind?: 'routine_use' | 'exception';
  code?: string;
  agency?: string;
  name?: string;
  recordIds?: string[];
  approvalRef?: string;
}

export function disclosureBody(o: DiscloseOptions) {
  return {
    subjectType: 'person' as const,
    subjectIds: o.persons.map((p) => p.id),
    personIds: o.persons.map((p) => p.id),
    ...(o.recordIds ? { recordIds: o.recordIds } : {}),
    ...(o.approvalRef ? { approvalRef: o.approvalRef } : {}),
    recipient: { agency: o.agency ?? 'Springfield Police Department', name: o.name ?? 'Det. Casey Marsh', address: '100 Main Street, Springfield, IL 62701' },
    legalBasis: { kind: o.kind ?? 'routine_use', code: o.code ?? 'G' },
    purpose: 'Referral of a suspected status violation for investigation',
    nature: 'Copies of arrival records',
  };
}

export async function disclose(app: FastifyInstance, session: Session, o: DiscloseOptions) {
  return app.inject({ method: 'POST', url: '/api/disclosures', headers: session.headers, payload: disclosureBody(o) });
}
