/**
 * Which blocking rules make the candidate pairs, and which true pairs only they find:
 * `npm run bench -- blocking-yield lt_bench_resolve_<name> [capsets…]` over a world kept by the
 * resolve bench (RESOLVE_BENCH_DB; its files in $TMPDIR/<name>), with DATABASE_URL set. Reads
 * the database's person mentions (writes nothing), blocks them as a full run does and prints,
 * per rule: pairs by block size; then, for the caps as they are and for each capset, the pairs
 * each rule proposes, the true pairs among them (ground-truth/persons.csv), and the pairs and
 * true pairs no other rule proposes. A capset overrides caps: `wide=N` (the rules at BLOCK_CAP),
 * `name=N` (the others) or `rule:N`, comma-separated; a cap of 1 drops a rule.
 */
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { readCsv } from './resolve-score';
import { collapse } from '../src/modules/resolve/collapse';
import { loadMentions } from '../src/modules/resolve/mentions';
import { PersonSet } from '../src/modules/resolve/person-engine';
import { blockPairs, MembershipBuilder } from '../src/modules/resolve/blocking-keys';
import { DEFAULT_RULES } from '../src/modules/resolve/match';

const [dbName, ...capsets] = process.argv.slice(2);
if (!dbName || !process.env['DATABASE_URL']) throw new Error('usage: DATABASE_URL=… npm run bench -- blocking-yield lt_bench_resolve_<name> [capsets…]');
const dir = path.join(os.tmpdir(), dbName);
const url = new URL(process.env['DATABASE_URL']);
url.pathname = `/${dbName}`;
const t0 = Date.now();
const lap = (s: string) => console.log(`${((Date.now() - t0) / 1000).toFixed(1)}s ${s}`);

const database = await openDatabase(loadConfig({ ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' }), { command: 'bench' });
const mentions = await database.transaction((tx) => loadMentions(tx, { kind: 'all' }));
await database.close();
lap(`read ${mentions.persons.length} person mentions`);
const folded = collapse(mentions.persons);
const set = new PersonSet(folded.reps);
lap(`${set.size} representatives`);
const truthOf = new Map<string, string>();
for (const t of readCsv(path.join(dir, 'ground-truth', 'persons.csv'))) truthOf.set(`${t['source']},${t['record_id']},${t['role']}`, t['true_person_id']!);
const ids = new Map<string, number>();
const truth = Int32Array.from(set.reps, (r) => {
  const t = truthOf.get(`${r.source},${r.recordId},${r.role}`);
  if (t === undefined) return -1;
  let id = ids.get(t);
  if (id === undefined) ids.set(t, (id = ids.size));
  return id;
});
const perPerson = new Map<number, number>();
for (const t of truth) if (t >= 0) perPerson.set(t, (perPerson.get(t) ?? 0) + 1);
let truePairs = 0;
for (const n of perPerson.values()) truePairs += (n * (n - 1)) / 2;
lap(`${truth.filter((t) => t >= 0).length} representatives with a true person; ${truePairs} true pairs`);

const { start, list, rules } = set.allBlocks();
const b = new MembershipBuilder();
for (let i = 0; i < set.size; i++) for (let e = start[i]!; e < start[i + 1]!; e++) b.add(list[e]!, i, rules[e]);
const m = b.build();
lap(`${m.length} memberships`);
const R = DEFAULT_RULES.length;
const names = DEFAULT_RULES.map((r) => r.name);
const baseCap = DEFAULT_RULES.map((r) => r.maxBlockSize ?? 500);
// Block sizes per rule.
const sizeHist = names.map(() => new Float64Array(6));
const bucket = (s: number) => (s <= 10 ? 0 : s <= 50 ? 1 : s <= 100 ? 2 : s <= 200 ? 3 : s <= 500 ? 4 : 5);

function run(label: string, capOf: (r: number) => number) {
  // A block's cap: the smallest of its rules' (several only by a hash collision).
  const capOfBlock = (_block: number, rules: number) => {
    let cap = Infinity;
    for (let r = 0; r < R; r++) if (rules & (1 << r)) cap = Math.min(cap, capOf(r));
    return cap;
  };
  const { pairs: p } = blockPairs(m, set.size, { cap: Infinity, capOfBlock });
  const pairs = p.length;
  let found = 0;
  const rulePairs = new Float64Array(R);
  const ruleTrue = new Float64Array(R);
  const onlyTrue = new Float64Array(R);
  const onlyPairs = new Float64Array(R);
  for (let k = 0; k < pairs; k++) {
    const a = p.a[k]!;
    const mk = p.rules[k]!;
    const same = truth[a]! >= 0 && truth[a] === truth[p.b[k]!];
    if (same) found++;
    const single = (mk & (mk - 1)) === 0;
    for (let r = 0; r < R; r++) {
      if (!(mk & (1 << r))) continue;
      rulePairs[r]!++;
      if (same) ruleTrue[r]!++;
      if (single) {
        onlyPairs[r]!++;
        if (same) onlyTrue[r]!++;
      }
    }
  }
  console.log(`\n## ${label}: ${pairs} pairs, ${found} of ${truePairs} true pairs (${((100 * found) / truePairs).toFixed(3)} %)`);
  console.log('rule | cap | pairs | true | only-this pairs | only-this true');
  for (let r = 0; r < R; r++) console.log(`${names[r]} | ${capOf(r)} | ${rulePairs[r]} | ${ruleTrue[r]} | ${onlyPairs[r]} | ${onlyTrue[r]}`);
  lap('done');
}

for (let s = 0; s < m.length; ) {
  let e = s + 1;
  while (e < m.length && m.block[e] === m.block[s]) e++;
  const size = e - s;
  for (let r = 0; r < R; r++) if (m.rules[s]! & (1 << r)) sizeHist[r]![bucket(size)]! += (size * (size - 1)) / 2;
  s = e;
}
console.log('rule | pairs in blocks of 2-10 | 11-50 | 51-100 | 101-200 | 201-500 | >500');
for (let r = 0; r < R; r++) console.log(`${names[r]} | ${Array.from(sizeHist[r]!).join(' | ')}`);

run('as now', (r) => baseCap[r]!);
for (const spec of capsets) {
  const over = new Map<string, number>();
  for (const part of spec.split(',')) {
    const [k, v] = part.split(/[=:]/);
    over.set(k!, Number(v));
  }
  run(spec, (r) => {
    const own = over.get(names[r]!);
    if (own !== undefined) return own;
    const wide = baseCap[r]! >= 500;
    return (wide ? over.get('wide') : over.get('name')) ?? baseCap[r]!;
  });
}
