#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so a fresh clone needs no separate build of the server.
import { spawn } from 'node:child_process';
import os from 'node:os';
import v8 from 'node:v8';
import { register } from 'tsx/esm/api';

const MB = 2 ** 20;

/**
 * The heap `leadtrac resolve` should have, in MB, or null to keep this process's. A full resolve
 * holds every person record in memory, and Node's default heap (about 4 GB) stops it at about
 * two million records. Unless a heap was chosen (--max-old-space-size in NODE_OPTIONS or on the
 * command line), it gets LEADTRAC_HEAP_MB, or else half of the machine's memory. It is a
 * limit, not a reservation: a small run uses what it needs. Other commands keep the default.
 */
function wantedHeap() {
  const command = process.argv.slice(2).find((a) => !a.startsWith('-'));
  const chosen = [process.env.NODE_OPTIONS ?? '', ...process.execArgv].some((a) => a.includes('--max-old-space-size'));
  if (command !== 'resolve' || chosen) return null;
  const wanted = Number(process.env.LEADTRAC_HEAP_MB) || Math.floor(os.totalmem() / 2 / MB);
  return wanted > v8.getHeapStatistics().heap_size_limit / MB ? wanted : null;
}

const heap = wantedHeap();
if (heap === null) {
  // Started by the launcher below: a launcher killed outright (SIGKILL) must not leave the run going.
  // Loading this module lets the event loop turn, so the launcher may be gone already.
  if (process.env.LEADTRAC_LAUNCHED) {
    if (!process.connected) process.kill(process.pid, 'SIGKILL');
    process.channel?.unref();
    process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
  }
  register();
  const { main } = await import('../src/cli/main.ts');
  await main(process.argv);
} else {
  // The same command in a process with that heap; signals are passed on, its exit is ours.
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${heap}`, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, LEADTRAC_LAUNCHED: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
}
