import type { ColumnSpec, SourceDefinition } from '../sources/source-types';
import type { SourceName } from '../sources/registry';

/** Which typed-fact table each source's rows land in (migration 0010). */
export const FACT_TABLE: Readonly<Record<SourceName, string>> = {
  'adis-arrivals': 'admissions',
  'adis-departures': 'departures',
  sevis: 'sevis_events',
  claims: 'benefit_applications',
  commercial: 'person_observations',
  public: 'person_observations',
  'ccd-visas': 'visas',
  eid: 'enforcement_events',
  tecs: 'border_events',
  ident: 'biometric_encounters',
  tips: 'tips',
  cdr: 'call_records',
};

export function sqlType(c: ColumnSpec): string {
  switch (c.type) {
    case 'date':
      return 'date';
    case 'timestamp':
      return 'timestamptz';
    case 'integer':
      return 'bigint';
    case 'decimal':
      return 'numeric';
    default:
      return 'text';
  }
}

/** The typed columns of a source's fact table: every defined column but record_id. */
export function factColumns(def: SourceDefinition): ColumnSpec[] {
  return def.columns.filter((c) => c.name !== 'record_id');
}
