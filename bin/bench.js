#!/usr/bin/env node
// `npm run bench -- <name> [args…]` runs bench/<name>.bench.ts (or bench/<name>.ts) and prints its figures.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveFlags, resolveHeapMb } from './heap.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
const candidates = name ? [`bench/${name}.bench.ts`, `bench/${name}.ts`, `bench/${name}/index.ts`, name] : [];
const file = candidates.find((c) => fs.existsSync(path.join(root, c)));
if (!file) {
  const list = fs.readdirSync(path.join(root, 'bench'), { recursive: true }).filter((f) => String(f).endsWith('.ts') && !String(f).endsWith('.test.ts'));
  console.error(`usage: npm run bench -- <name> [args]\navailable:\n${list.map((f) => `  ${String(f).replace(/\.bench\.ts$|\.ts$/, '')}`).join('\n')}`);
  process.exit(name ? 1 : 0);
}
// The resolve bench resolves in its own process: it gets the heap `leadtrac resolve` gets, or a
// world of 300,000 persons dies at clustering with Node's default heap. So does blocking-yield,
// which holds a kept world's records.
const heap = name === 'resolve' || name === 'blocking-yield' ? resolveHeapMb() : null;
const node = heap === null ? [] : resolveFlags(heap);
const r = spawnSync(process.execPath, [...node, '--import', 'tsx', path.join(root, file), ...args], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
