import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { systemContext } from '../../shared/context';
import { decideReviewItem, mergeEntities, splitEntity, undoDecision } from './decisions.service';
import { mentionKey } from './mention-keys';
import { digits, plant, uniqueSurname } from './planted';
import { runResolve } from './resolve.service';
import { listDecisionLog, listReview } from './review.service';
import { entityOf, loadSplitWorld, openPrivateDatabase, recordIdOf } from './test-support';

let database: Database;
let drop: () => Promise<void>;
let dir: string;
const system = systemContext('test', ['records_officer']);
const analyst = systemContext('test', ['analyst'], 'decider');

beforeAll(async () => {
  ({ database, drop } = await openPrivateDatabase());
  ({ dir } = await loadSplitWorld(database, 80, 5, 1));
  await runResolve(database, system);
});
afterAll(async () => {
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Re-resolves everything and checks the run found nothing to change. */
async function fullRunChangesNothing(): Promise<void> {
  const r = await runResolve(database, system, { full: true });
  expect(r.counts.linksChanged).toBe(0);
}

async function person(given: string, city: string): Promise<{ id: string; family: string }> {
  const family = uniqueSurname('Dec');
  const [id] = (await plant(database, dir, 'commercial', [{ given_name: given, family_name: family, birth_date: '1970-02-03', city, state: 'TX' }])) as [string];
  return { id, family };
}

async function mentionOf(source: string, id: string): Promise<number> {
  return mentionKey(Number(await recordIdOf(database, source, id)), 'subject');
}

describe('analyst decisions', () => {
  it('merges two entities, keeps the merge through full and incremental runs, and undoes it back to the old ids', async () => {
    const a = await person('Hesper', 'Austin');
    const b = await person('Lucan', 'Dallas');
    await runResolve(database, system);
    const [ea, eb] = [await entityOf(database, 'commercial', a.id), await entityOf(database, 'commercial', b.id)];
    expect(ea).not.toBe(eb);
    const merged = await mergeEntities(database, analyst, [ea!, eb!], 'same person: moved from Austin to Dallas');
    expect(merged.entities).toEqual([ea]);
    expect(await entityOf(database, 'commercial', b.id), 'b after merge').toBe(ea);
    await fullRunChangesNothing();
    const [c] = (await plant(database, dir, 'commercial', [{ given_name: 'Lucan', family_name: b.family, birth_date: '1970-02-03', city: 'Dallas', state: 'TX' }])) as [string];
    await runResolve(database, system);
    expect(await entityOf(database, 'commercial', c), 'c after incremental').toBe(ea);
    await undoDecision(database, analyst, merged.decision.id, 'merged by mistake');
    expect(await entityOf(database, 'commercial', a.id), 'a after undo').toBe(ea);
    expect(await entityOf(database, 'commercial', b.id), 'b after undo').toBe(eb);
    expect(await entityOf(database, 'commercial', c), 'c after undo').toBe(eb);
    await fullRunChangesNothing();
    const log = await listDecisionLog(database, analyst, { limit: 10, offset: 0 });
    expect(log.decisions.find((d) => d.id === merged.decision.id)).toMatchObject({
      kind: 'merge', decidedBy: 'decider', reason: 'same person: moved from Austin to Dallas', undoneBy: 'decider', undoReason: 'merged by mistake',
    });
    await expect(undoDecision(database, analyst, merged.decision.id, 'again')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('merges two schools of one name, keeps a new student of either in the merge, and undoes it', async () => {
    const name = `${uniqueSurname('Wexley')} Institute`;
    const student = (schoolCode: string, schoolName: string) => ({
      sevis_id: `N${digits(10)}`, family_name: uniqueSurname('Stu'), given_name: 'Ikenna', birth_date: '2000-03-04', citizenship_country: 'NGA',
      visa_type: 'F1', status: 'ACTIVE', status_date: '2025-08-20', school_code: schoolCode, school_name: schoolName, dso_name: 'Lee Park', dso_id: `DSO${digits(7)}`,
    });
    const [codeA, codeB] = [`NYC214F${digits(5)}`, `NYC214F${digits(5)}`];
    const [a, b] = (await plant(database, dir, 'sevis', [student(codeA, name), student(codeB, name.toUpperCase())])) as [string, string];
    await runResolve(database, system);
    const school = (id: string) => entityOf(database, 'sevis', id, 'school');
    const displayName = async (id: string) =>
      (await database.transaction((tx) => tx.query<{ display_name: string }>(`SELECT display_name FROM entities WHERE id = $1`, [id])))[0]?.display_name;
    const [ea, eb] = [await school(a), await school(b)];
    expect(ea).not.toBe(eb);
    const merged = await mergeEntities(database, analyst, [ea!, eb!], 'one school: the second code is its new certification');
    expect(await school(b), 'b after merge').toBe(ea);
    expect(await displayName(ea!)).toBe(name);
    await fullRunChangesNothing();
    // Two more students of school B, under its name in capitals: the merged entity is named by them.
    const [c] = (await plant(database, dir, 'sevis', [student(codeB, name.toUpperCase()), student(codeB, name.toUpperCase())])) as [string];
    await runResolve(database, system);
    expect(await school(c), 'c after incremental').toBe(ea);
    expect(await displayName(ea!), 'named by the commonest spelling, in title case').toBe(name.replace(/\b(\w)(\w*)/g, (_, f: string, r: string) => f + r.toLowerCase()));
    await fullRunChangesNothing();
    await undoDecision(database, analyst, merged.decision.id, 'two schools after all');
    expect(await school(a), 'a after undo').toBe(ea);
    expect(await school(b), 'b after undo').toBe(eb);
    expect(await school(c), 'c after undo').toBe(eb);
    await fullRunChangesNothing();
  });

  it('keeps a new student of a merged school of another name and code in the merge (reached through the entity alone)', async () => {
    const student = (schoolCode: string, schoolName: string) => ({
      sevis_id: `N${digits(10)}`, family_name: uniqueSurname('Stu'), given_name: 'Amara', birth_date: '2001-05-06', citizenship_country: 'GHA',
      visa_type: 'F1', status: 'ACTIVE', status_date: '2025-08-20', school_code: schoolCode, school_name: schoolName, dso_name: 'Kim Obi', dso_id: `DSO${digits(7)}`,
    });
    const [nameA, nameB] = [`${uniqueSurname('Harlow')} College`, `${uniqueSurname('Brennick')} Academy`];
    const [codeA, codeB] = [`BOS214F${digits(5)}`, `BOS214F${digits(5)}`];
    const [a, b] = (await plant(database, dir, 'sevis', [student(codeA, nameA), student(codeB, nameB)])) as [string, string];
    await runResolve(database, system);
    const school = (id: string) => entityOf(database, 'sevis', id, 'school');
    const [ea, eb] = [await school(a), await school(b)];
    expect(ea).not.toBe(eb);
    await mergeEntities(database, analyst, [ea!, eb!], 'the academy was renamed and certified again');
    await fullRunChangesNothing();
    const [c] = (await plant(database, dir, 'sevis', [student(codeB, nameB)])) as [string];
    await runResolve(database, system);
    expect(await school(c), 'c after incremental').toBe(ea);
    expect(await school(a), 'a after incremental').toBe(ea);
    await fullRunChangesNothing();
  });

  it('splits a record out of an identifier-linked entity, keeps it apart, and undoes the split', async () => {
    const family = uniqueSurname('Spl');
    const admission = digits(11);
    const passport = `S${digits(8)}`;
    const [arr] = (await plant(database, dir, 'adis-arrivals', [{ admission_number: admission, family_name: family, given_name: 'NEDA', birth_date: '1991-04-05', citizenship_country: 'IRN', passport_number: passport, passport_country: 'IRN', class_of_admission: 'B2', admission_date: '2026-01-01', admit_until_date: '2026-06-30' }])) as [string];
    const [dep] = (await plant(database, dir, 'adis-departures', [{ admission_number: admission, family_name: family, given_name: 'NEDA', birth_date: '1991-04-05', citizenship_country: 'IRN', passport_number: passport, departure_date: '2026-03-01' }])) as [string];
    await runResolve(database, system);
    const e = await entityOf(database, 'adis-arrivals', arr);
    expect(await entityOf(database, 'adis-departures', dep)).toBe(e);
    const split = await splitEntity(database, analyst, e!, [await mentionOf('adis-departures', dep)], 'departure belongs to her sister');
    const apart = await entityOf(database, 'adis-departures', dep);
    expect(apart).not.toBe(e);
    expect(await entityOf(database, 'adis-arrivals', arr)).toBe(e);
    expect(split.entities.sort()).toEqual([e, apart].sort());
    expect(split.splitInto).toBe(apart);
    await fullRunChangesNothing();
    expect(await entityOf(database, 'adis-departures', dep)).toBe(apart);
    await undoDecision(database, analyst, split.decision.id, 'it was her after all');
    expect(await entityOf(database, 'adis-departures', dep)).toBe(e);
  });

  it('confirms and rejects review pairs; both survive a full run and undo restores the queue', async () => {
    const queue = await listReview(database, analyst, { status: 'open', limit: 200, offset: 0 });
    const pairs = queue.entries.filter((x) => x.a.entityId !== x.b.entityId && x.a.entityId && x.b.entityId);
    expect(pairs.length).toBeGreaterThanOrEqual(2);
    const [yes, no] = [pairs[0]!, pairs.find((p) => ![p.a.entityId, p.b.entityId].some((x) => [pairs[0]!.a.entityId, pairs[0]!.b.entityId].includes(x)))!];
    const before = { a: yes.a.entityId, b: yes.b.entityId };
    const confirmed = await decideReviewItem(database, analyst, yes.item.id, 'confirm', 'same passport photo');
    expect(confirmed.entities).toHaveLength(1);
    const rejected = await decideReviewItem(database, analyst, no.item.id, 'reject', 'different fathers named');
    expect(rejected.decision.kind).toBe('reject');
    await fullRunChangesNothing();
    const open = await listReview(database, analyst, { status: 'open', limit: 500, offset: 0 });
    expect(open.entries.map((x) => x.item.id)).not.toContain(no.item.id);
    const decided = await listReview(database, analyst, { status: 'decided', limit: 500, offset: 0 });
    expect(decided.entries.find((x) => x.item.id === yes.item.id)?.a.entityId).toBe(decided.entries.find((x) => x.item.id === yes.item.id)?.b.entityId);
    await expect(decideReviewItem(database, analyst, yes.item.id, 'reject', 'changed my mind')).rejects.toMatchObject({ code: 'CONFLICT' });
    await undoDecision(database, analyst, confirmed.decision.id, 'photo was of the brother');
    await undoDecision(database, analyst, rejected.decision.id, 'not sure any more');
    const reopened = await listReview(database, analyst, { status: 'open', limit: 500, offset: 0 });
    const again = reopened.entries.find((x) => x.item.id === yes.item.id);
    expect({ a: again?.a.entityId, b: again?.b.entityId }).toEqual(before);
    expect(reopened.entries.map((x) => x.item.id)).toContain(no.item.id);
  });

  it('refuses a decision that contradicts an active one, naming it', async () => {
    const a = await person('Ferdinand', 'Waco');
    const b = await person('Philippa', 'Plano');
    await runResolve(database, system);
    const [ea, eb] = [await entityOf(database, 'commercial', a.id), await entityOf(database, 'commercial', b.id)];
    const merged = await mergeEntities(database, analyst, [ea!, eb!], 'one household alias');
    await expect(splitEntity(database, analyst, ea!, [await mentionOf('commercial', b.id)], 'not the same')).rejects.toMatchObject({
      code: 'DECISION_CONFLICT',
      message: expect.stringContaining(`decision ${merged.decision.id}`),
    });
    await expect(mergeEntities(database, analyst, [eb!, ea!], 'again')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(mergeEntities(database, analyst, [ea!, ea!], 'self')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
