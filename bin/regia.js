#!/usr/bin/env node
// Runs the built CLI. From sources, use `npm run regia -- <command>` instead.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/regia.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('regia: dist/regia.js is missing; run `npm run build` first (or `npm run regia -- <command>` from sources).\n');
  process.exit(1);
}
await import(bundle.href);
