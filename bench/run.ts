import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runChecksBenchmark } from './checks';
import { runRecorderBenchmark } from './recorder';
import { runWorkBenchmark } from './work';

/**
 * `npm run bench [name...] [-- options]`: runs the named benchmarks (every one when none is named),
 * one after another, handing each the options that follow the names.
 *
 * tsx keeps a loader thread and its transforms in the process (about 50 MB of RSS), which the
 * server, bundled by esbuild and run by plain node, does not carry. So this entry bundles the
 * benchmarks the same way and runs them under plain node. `--cpu-prof-dir DIR` profiles that run
 * (node refuses --cpu-prof in NODE_OPTIONS).
 */
const benchmarks: Record<string, (args: string[]) => Promise<void>> = {
  checks: runChecksBenchmark,
  recorder: runRecorderBenchmark,
  work: runWorkBenchmark,
};
const bundledMarker = 'REGIA_BENCH_BUNDLED';

async function runBenchmarks(args: string[]): Promise<void> {
  const names: string[] = [];
  while (args[0] !== undefined && !args[0].startsWith('-')) names.push(args.shift()!);
  const unknown = names.filter((name) => !(name in benchmarks));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  for (const name of names.length > 0 ? names : Object.keys(benchmarks)) await benchmarks[name]!(args);
}

async function runBundled(args: string[]): Promise<void> {
  // Under node_modules, so the bundle resolves the packages it leaves external.
  const outdir = fileURLToPath(new URL('../node_modules/.cache/regia-bench/', import.meta.url));
  const { build } = await import('esbuild');
  await build({
    entryPoints: [
      fileURLToPath(import.meta.url),
      fileURLToPath(new URL('./http-target.ts', import.meta.url)),
    ],
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  const nodeArgs: string[] = [];
  const profileAt = args.indexOf('--cpu-prof-dir');
  if (profileAt >= 0) {
    const [, folder] = args.splice(profileAt, 2);
    if (!folder) throw new Error('--cpu-prof-dir wants a folder');
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${folder}`);
  }
  const child = spawn(process.execPath, [...nodeArgs, `${outdir}run.mjs`, ...args], {
    stdio: 'inherit',
    env: { ...process.env, [bundledMarker]: '1' },
  });
  process.exitCode = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

const args = process.argv.slice(2);
if (process.env[bundledMarker] === '1') await runBenchmarks(args);
else await runBundled(args);
