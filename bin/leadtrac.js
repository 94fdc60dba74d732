#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so a fresh clone needs no separate build of the server.
import { spawn } from 'node:child_process';
import { register } from 'tsx/esm/api';
import { resolveFlags, resolveHeapMb } from './heap.js';

/** `leadtrac resolve` gets the heap of resolveHeapMb; other commands keep the default. */
function wantedHeap() {
  const command = process.argv.slice(2).find((a) => !a.startsWith('-'));
  return command === 'resolve' ? resolveHeapMb() : null;
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
  const child = spawn(process.execPath, [...process.execArgv, ...resolveFlags(heap), ...process.argv.slice(1)], {
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
