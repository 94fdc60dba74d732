import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { systemContext } from '../../shared/context';
import { openTestDatabase, uniqueName } from '../../test/test-db';
import { audit, verifyAuditChain } from './audit.service';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database.close());

describe('audit log in the database', () => {
  it('appends chained rows in the caller transaction and verifies them', async () => {
    const who = uniqueName('aud');
    await database.transaction((tx) =>
      audit(tx, systemContext('test', ['admin'], who), { action: 'test.one', details: { n: 1 } }, { action: 'test.two', subjectType: 'person', subjectIds: ['p1'] }),
    );
    const rows = await database.db.selectFrom('audit_log').select(['seq', 'action', 'prev_hash', 'hash']).where('actor_username', '=', who).orderBy('seq').execute();
    expect(rows.map((r) => r.action)).toEqual(['test.one', 'test.two']);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    const v = await verifyAuditChain(database);
    expect(v.ok).toBe(true);
    expect(v.rows).toBeGreaterThanOrEqual(2);
  });

  it('writes nothing when the unit of work fails after auditing', async () => {
    const who = uniqueName('aud');
    await expect(
      database.transaction(async (tx) => {
        await audit(tx, systemContext('test', ['admin'], who), { action: 'test.rolled_back' });
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    const rows = await database.db.selectFrom('audit_log').select('seq').where('actor_username', '=', who).execute();
    expect(rows).toEqual([]);
  });

  it.each([
    ['UPDATE', `UPDATE audit_log SET action = 'x'`],
    ['DELETE', `DELETE FROM audit_log`],
    ['TRUNCATE', `TRUNCATE audit_log`],
  ])('the database itself refuses %s on the audit log', async (_op, statement) => {
    await database.transaction((tx) => audit(tx, systemContext('test'), { action: 'test.guard' }));
    await expect(database.transaction((tx) => tx.query(statement))).rejects.toThrow(/append-only/);
  });

  it.skipIf(Boolean(process.env['DATABASE_URL']))('detects a row changed behind the triggers (embedded database only)', async () => {
    const own = await openTestDatabase();
    await own.transaction((tx) => audit(tx, systemContext('test'), { action: 'a' }, { action: 'b' }, { action: 'c' }));
    await own.transaction(async (tx) => {
      await tx.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
      await tx.query(`UPDATE audit_log SET action = 'forged' WHERE action = 'b'`);
      await tx.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    });
    const v = await verifyAuditChain(own);
    expect(v.ok).toBe(false);
    expect(v.message).toMatch(/broken at row \d+: it has content that does not match its hash/);
    await own.close();
  });
});
