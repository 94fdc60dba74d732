import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../shared/errors';

const LOCK_FILE = 'leadtrac.lock';

interface LockInfo {
  pid: number;
  command: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite allows one process per data folder; a second one would corrupt it. Take an exclusive
 * lock file (O_EXCL) naming the holder, so a second process gets a clear refusal instead.
 * A lock left by a process that no longer exists is taken over.
 */
export function acquireDataDirLock(dataDir: string, command: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const held = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
          if (held.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: LockInfo | undefined;
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
      } catch {
        holder = undefined;
      }
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new AppError(
          'DATABASE_IN_USE',
          `The embedded database in ${dataDir} is in use by process ${holder.pid} ` +
            `("leadtrac ${holder.command}", since ${holder.startedAt}). Stop that process first, ` +
            `or set DATABASE_URL to use a PostgreSQL server that many processes can share.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError('DATABASE_IN_USE', `Could not lock the embedded database in ${dataDir}.`);
}
