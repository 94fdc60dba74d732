import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';

const heap = Math.ceil(v8.getHeapStatistics().heap_size_limit / 2 ** 20) + 512;
const env = (extra: Record<string, string>) => ({ ...process.env, NODE_OPTIONS: '', LEADTRAC_HEAP_MB: String(heap), ...extra });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Whether the process exists and is not a zombie (an orphan waits there for its new parent to reap it). */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe.runIf(process.platform === 'linux')('bin/leadtrac.js', () => {
  it('runs resolve again with LEADTRAC_HEAP_MB as its heap, and the run dies with a launcher killed outright', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-launch-'));
    const launcher = spawn(process.execPath, ['bin/leadtrac.js', 'resolve'], { env: env({ LEADTRAC_DATA_DIR: dir }), stdio: 'ignore' });
    let child: number | undefined;
    // Until it has exec'd: a child just forked shows the launcher's own command line.
    const launcherLine = fs.readFileSync(`/proc/${launcher.pid}/cmdline`, 'utf8');
    const execd = (pid: number) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') !== launcherLine;
      } catch {
        return false;
      }
    };
    for (let t = 0; t < 200 && child === undefined; t++) {
      await sleep(25);
      child = childrenOf(launcher.pid!).find(execd);
    }
    expect(child).toBeDefined();
    expect(fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0')).toEqual(expect.arrayContaining([`--max-old-space-size=${heap}`, '--max-semi-space-size=64']));
    const exited = new Promise((r) => launcher.on('exit', r));
    launcher.kill('SIGKILL');
    await exited;
    for (let t = 0; t < 200 && alive(child!); t++) await sleep(25);
    expect(alive(child!)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it("passes the run's exit status on, and leaves other commands and a chosen heap alone", async () => {
    const run = (args: string[], extra: Record<string, string> = {}) =>
      new Promise<{ code: number | null; out: string; children: number }>((resolve) => {
        const p = spawn(process.execPath, ['bin/leadtrac.js', ...args], { env: env(extra) });
        let out = '';
        let children = 0;
        const watch = setInterval(() => (children = Math.max(children, childrenOf(p.pid!).length)), 20);
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.stderr.on('data', (d: Buffer) => (out += d.toString()));
        p.on('exit', (code) => {
          clearInterval(watch);
          resolve({ code, out, children });
        });
      });
    const help = await run(['resolve', '--help']);
    expect(help).toMatchObject({ code: 0, children: 1 });
    expect(help.out).toMatch(/entity resolution/);
    const bad = await run(['resolve', '--no-such-option']);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/unknown option '--no-such-option'/);
    expect(await run(['search', '--help'])).toMatchObject({ code: 0, children: 0 });
    expect(await run(['resolve', '--help'], { NODE_OPTIONS: '--max-old-space-size=1024' })).toMatchObject({ code: 0, children: 0 });
  }, 60_000);

  it('gives the resolve bench the same heap (it resolves in its own process)', async () => {
    const bench = spawn(process.execPath, ['bin/bench.js', 'resolve', '10'], { env: env({ DATABASE_URL: '' }), stdio: 'ignore' });
    // A child is listed as soon as it is forked, still showing the parent's command line until
    // it execs: wait for the command line of the program it runs.
    let child: number | undefined;
    let args: string[] = [];
    for (let t = 0; t < 200 && !args.some((a) => a.endsWith('.ts')); t++) {
      await sleep(25);
      child = childrenOf(bench.pid!)[0];
      try {
        args = child === undefined ? [] : fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0');
      } catch {
        args = []; // gone between the listing and the read
      }
    }
    expect(child).toBeDefined();
    process.kill(child!, 'SIGKILL');
    await new Promise((r) => bench.on('exit', r));
    expect(args).toEqual(expect.arrayContaining([`--max-old-space-size=${heap}`, '--max-semi-space-size=64']));
    expect(args.some((a) => a.endsWith('resolve.bench.ts'))).toBe(true);
  }, 30_000);
});
