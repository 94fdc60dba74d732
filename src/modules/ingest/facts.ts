import { cleanName, normalizeIdentifier } from '../sources/normalize';
import type { ColumnSpec, IdentifierKind, RowValue, SourceDefinition } from '../sources/source-types';

/**
 * The typed facts a source row carries for the core model (identifiers, names, addresses,
 * relationships), each tagged with the role of the party it describes in that record. Derived from
 * the source definition (CONVENTIONS 12): no per-source code.
 */
export interface IdentifierFact {
  role: string;
  kind: IdentifierKind;
  value: string;
  normalized: string;
  issuing_country: string | null;
  valid: boolean;
}
export interface NameFact {
  role: string;
  given_name: string | null;
  middle_name: string | null;
  family_name: string | null;
  full_name: string;
  search_key: string;
}
export interface AddressFact {
  role: string;
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
  normalized: string;
}
export interface RelationshipFact {
  from_role: string;
  to_role: string;
  kind: string;
}
export interface RowFacts {
  identifiers: IdentifierFact[];
  names: NameFact[];
  addresses: AddressFact[];
  relationships: RelationshipFact[];
}

const ADDRESS_PARTS = ['address_line1', 'address_line2', 'city', 'state', 'postal_code', 'country'] as const;

interface Plan {
  identifiers: { col: ColumnSpec; role: string }[];
  names: Map<string, { given?: string; middle?: string; family?: string; full?: string }>;
  structuredAddress: boolean;
  lineAddresses: { col: string; role: string }[];
  roles: string[];
}

const plans = new WeakMap<SourceDefinition, Plan>();

function roleOf(c: ColumnSpec): string {
  if (c.role) return c.role;
  const m = /^(subject|tipster|calling|called)_/.exec(c.name);
  return m ? (m[1] === 'calling' ? 'caller' : m[1] === 'called' ? 'callee' : m[1]!) : 'subject';
}

function planFor(def: SourceDefinition): Plan {
  const cached = plans.get(def);
  if (cached) return cached;
  const plan: Plan = { identifiers: [], names: new Map(), structuredAddress: false, lineAddresses: [], roles: [] };
  const names = new Set(def.columns.map((c) => c.name));
  for (const c of def.columns) {
    const role = roleOf(c);
    if (c.type === 'identifier' && c.identifierKind) plan.identifiers.push({ col: c, role });
    if (c.type === 'name') {
      const parts = plan.names.get(role) ?? {};
      if (/given/.test(c.name)) parts.given = c.name;
      else if (/middle/.test(c.name)) parts.middle = c.name;
      else if (/family|surname/.test(c.name)) parts.family = c.name;
      else parts.full = c.name;
      plan.names.set(role, parts);
    }
    if (/(^|_)address$/.test(c.name)) plan.lineAddresses.push({ col: c.name, role });
    if (!plan.roles.includes(role)) plan.roles.push(role);
  }
  plan.structuredAddress = names.has('address_line1') && names.has('city');
  plans.set(def, plan);
  return plan;
}

const NOT_PRINTABLE_ASCII = /[^ -~]/;

/** Lower case, accents removed, single spaces: what name search and matching compare. */
export function searchKey(s: string): string {
  // Printable ASCII is its own NFKD form with no combining marks, and its letters and digits are
  // exactly [a-z0-9] once lower-cased: the same key, without the Unicode passes.
  if (!NOT_PRINTABLE_ASCII.test(s)) return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function str(v: string | undefined): string | null {
  if (v === undefined) return null;
  const t = cleanName(v);
  return t === '' ? null : t;
}

/**
 * Receives a row's facts one at a time, in a fixed order (identifiers, names, addresses, then
 * relationships), so a bulk load can write them straight out without building objects.
 */
export interface FactSink {
  identifier(role: string, kind: IdentifierKind, value: string, normalized: string, issuingCountry: string | null, valid: boolean): void;
  name(role: string, given: string | null, middle: string | null, family: string | null, full: string, key: string): void;
  address(role: string, line1: string | null, line2: string | null, city: string | null, state: string | null, postalCode: string | null, country: string | null, normalized: string): void;
  relationship(fromRole: string, toRole: string, kind: string): void;
}

export function emitFacts(def: SourceDefinition, raw: Record<string, string>, values: Record<string, RowValue>, sink: FactSink): void {
  const plan = planFor(def);
  const present = new Set<string>();
  for (const { col, role } of plan.identifiers) {
    const value = raw[col.name]?.trim();
    if (!value) continue;
    const n = normalizeIdentifier(col.identifierKind!, value);
    const country = col.issuingCountryColumn ? values[col.issuingCountryColumn] : null;
    sink.identifier(role, col.identifierKind!, value, n.normalized, typeof country === 'string' ? country : null, n.valid);
    present.add(role);
  }
  for (const [role, p] of plan.names) {
    const given = p.given ? str(raw[p.given]) : null;
    const middle = p.middle ? str(raw[p.middle]) : null;
    const family = p.family ? str(raw[p.family]) : null;
    const full = (p.full ? str(raw[p.full]) : null) ?? [given, middle, family].filter(Boolean).join(' ');
    if (!full) continue;
    sink.name(role, given, middle, family, full, searchKey(full));
    present.add(role);
  }
  if (plan.structuredAddress) {
    const [line1, line2, city, state, postal, country] = ADDRESS_PARTS.map((k) => str(raw[k]));
    if (line1 || city) {
      const text = [line1, line2, city, state, postal, country].filter(Boolean).join(', ');
      sink.address('subject', line1!, line2!, city!, state!, postal!, country!, searchKey(text));
      present.add('subject');
    }
  }
  for (const { col, role } of plan.lineAddresses) {
    const line = str(raw[col]);
    if (!line) continue;
    sink.address(role, line, null, null, null, null, null, searchKey(line));
    present.add(role);
  }
  if (present.has('subject')) {
    for (const role of plan.roles) if (role !== 'subject' && present.has(role)) sink.relationship('subject', role, role);
  }
  if (present.has('caller') && present.has('callee')) sink.relationship('caller', 'callee', 'called');
}

/** The same facts as objects. */
export function extractFacts(def: SourceDefinition, raw: Record<string, string>, values: Record<string, RowValue>): RowFacts {
  const facts: RowFacts = { identifiers: [], names: [], addresses: [], relationships: [] };
  emitFacts(def, raw, values, {
    identifier: (role, kind, value, normalized, issuing_country, valid) => facts.identifiers.push({ role, kind, value, normalized, issuing_country, valid }),
    name: (role, given_name, middle_name, family_name, full_name, search_key) =>
      facts.names.push({ role, given_name, middle_name, family_name, full_name, search_key }),
    address: (role, line1, line2, city, state, postal_code, country, normalized) =>
      facts.addresses.push({ role, line1, line2, city, state, postal_code, country, normalized }),
    relationship: (from_role, to_role, kind) => facts.relationships.push({ from_role, to_role, kind }),
  });
  return facts;
}
