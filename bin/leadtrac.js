#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so a fresh clone needs no separate build of the server.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
