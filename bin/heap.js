// The heap a resolve run should have (decision 0008), shared by bin/leadtrac.js and bin/bench.js.
import os from 'node:os';
import v8 from 'node:v8';

const MB = 2 ** 20;

/**
 * The heap for a process that resolves, in MB, or null to keep Node's default. A full resolve
 * holds every person record in memory, and Node's default heap (about 4 GB) stops it at about
 * two million records. Unless a heap was chosen (--max-old-space-size in NODE_OPTIONS or in
 * `execArgv`), it gets LEADTRAC_HEAP_MB, or else half of the machine's memory. It is a limit,
 * not a reservation: a small run uses what it needs.
 */
export function resolveHeapMb(env = process.env, execArgv = process.execArgv) {
  const chosen = [env.NODE_OPTIONS ?? '', ...execArgv].some((a) => a.includes('--max-old-space-size'));
  if (chosen) return null;
  const wanted = Number(env.LEADTRAC_HEAP_MB) || Math.floor(os.totalmem() / 2 / MB);
  return wanted > v8.getHeapStatistics().heap_size_limit / MB ? wanted : null;
}

/**
 * Node's flags for a resolve process with that heap. The young generation too: with Node's
 * default (16 MB semi-spaces) the main thread of a 300,000-person full run spent 47 s in young
 * collections, most while writing the match index (objects and COPY text made by the million);
 * with 64 MB, 18 s (bench/er/speed-results.md, "Session 11").
 */
export function resolveFlags(heapMb) {
  return [`--max-old-space-size=${heapMb}`, '--max-semi-space-size=64'];
}
