import { AppError } from '../../shared/errors';
import { adisArrivals } from './definitions/adis-arrivals';
import { adisDepartures } from './definitions/adis-departures';
import { ccdVisas } from './definitions/ccd-visas';
import { cdr } from './definitions/cdr';
import { claims } from './definitions/claims';
import { commercial } from './definitions/commercial';
import { eid } from './definitions/eid';
import { ident } from './definitions/ident';
import { publicRecords } from './definitions/public';
import { sevis } from './definitions/sevis';
import { tecs } from './definitions/tecs';
import { tips } from './definitions/tips';
import type { SourceDefinition } from './source-types';

/** Every source in the order the docs and the command line list them. */
const DEFINITIONS: readonly SourceDefinition[] = [
  adisArrivals,
  adisDepartures,
  sevis,
  ccdVisas,
  claims,
  eid,
  tecs,
  ident,
  commercial,
  publicRecords,
  tips,
  cdr,
];

export const SOURCE_NAMES = [
  'adis-arrivals',
  'adis-departures',
  'sevis',
  'ccd-visas',
  'claims',
  'eid',
  'tecs',
  'ident',
  'commercial',
  'public',
  'tips',
  'cdr',
] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

const BY_NAME: ReadonlyMap<string, SourceDefinition> = new Map(DEFINITIONS.map((d) => [d.name, d]));

export function isSourceName(name: string): name is SourceName {
  return BY_NAME.has(name);
}

/** The definition of a source by its command-line name; an unknown name is an UNKNOWN_SOURCE error. */
export function getSource(name: string): SourceDefinition {
  const def = BY_NAME.get(name);
  if (def === undefined) {
    throw new AppError(
      'UNKNOWN_SOURCE',
      `Unknown source "${name}". Known sources: ${SOURCE_NAMES.join(', ')}.`,
    );
  }
  return def;
}

export function listSources(): readonly SourceDefinition[] {
  return DEFINITIONS;
}
