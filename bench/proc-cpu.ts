import fs from 'node:fs';
import { sql } from 'kysely';
import type { Database } from '../src/db/database';

/** CPU seconds (user + system) a local process has used, from /proc; 0 if it cannot be read. */
export function procCpu(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime + stime, in clock ticks (USER_HZ, 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) of this process so far. */
export function ownCpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** CPU seconds (user + system) of this database's server backends so far, by pid (PostgreSQL only). */
export async function serverCpu(database: Database): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (database.kind !== 'postgres') return out;
  const rows = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(database.db);
  for (const { pid } of rows.rows) {
    const cpu = procCpu(pid);
    if (cpu > 0) out.set(pid, cpu);
  }
  return out;
}

/** CPU seconds used between two `serverCpu` readings (backends that started since count whole). */
export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let s = 0;
  for (const [pid, t] of after) s += t - (before.get(pid) ?? 0);
  return s;
}
