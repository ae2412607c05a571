import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Proves the wiring of the real command line: once from sources through tsx, and from the esbuild
// bundle that `bin/regia.js` runs (built here exactly as the build script does).

const root = path.resolve(import.meta.dirname, '../..');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function collect(child: ChildProcess): Promise<Run> & { output: { stdout: string; stderr: string } } {
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString();
  });
  const done = new Promise<Run>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, ...output }));
  });
  return Object.assign(done, { output });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('the regia command line', () => {
  let dir: string;
  let bundle: string;
  const envFor = (dataDir: string, extra: Record<string, string> = {}) => {
    const env: NodeJS.ProcessEnv = { ...process.env, REGIA_DATA_DIR: dataDir, ...extra };
    delete env.DATABASE_URL;
    delete env.REGIA_LOG_LEVEL;
    return env;
  };
  const runBundle = (args: string[], env: NodeJS.ProcessEnv) =>
    collect(spawn(process.execPath, [bundle, ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] }));

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regia-cli-'));
    // The bundle keeps packages external: it finds them through a node_modules beside it.
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    bundle = path.join(dir, 'regia.mjs');
    await build({
      entryPoints: [path.join(root, 'src/cli/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: bundle,
      logLevel: 'warning',
    });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints its help from sources through tsx', async () => {
    const run = await collect(
      spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--help'], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    expect(run.code).toBe(0);
    for (const command of [
      'serve',
      'migrate',
      'user',
      'token',
      'apply',
      'export',
      'backup',
      'restore',
      'audit',
      'demo',
    ]) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it('creates a user and a token in the database of REGIA_DATA_DIR, and reports errors with exit 1', async () => {
    const env = envFor(path.join(dir, 'users'));
    const args = [
      'user',
      'create',
      '--email',
      'Ada@Example.test',
      '--password',
      'a long password',
      '--role',
      'admin',
    ];
    const created = await runBundle(args, env);
    expect(created.stderr).toBe('');
    expect(created).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Created admin ada@example.test \(id 1\)/),
    });
    const [again, token] = await Promise.all([
      runBundle(args, env),
      runBundle(['token', 'create', '--email', 'ada@example.test', '--expires-days', '7'], env),
    ]);
    expect(again).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('A user with this email exists'),
    });
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^rg_[\w-]{40,}\n$/);
    expect(fs.existsSync(path.join(dir, 'users', 'regia.db'))).toBe(true);
  });

  it('serves, prints the first-run code on stderr only, and stops with exit 0 on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [bundle, 'serve'], {
      cwd: dir,
      env: envFor(path.join(dir, 'serve'), { PORT: String(port), HOST: '127.0.0.1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run = collect(child);
    const deadline = Date.now() + 15_000;
    let isReady = false;
    while (!isReady && Date.now() < deadline && child.exitCode === null) {
      isReady = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (response) => response.ok,
        () => false,
      );
      if (!isReady) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(isReady).toBe(true);
    child.kill('SIGTERM');
    const result = await run;
    expect(result).toMatchObject({ code: 0, signal: null });
    const code =
      /First-run setup: open http:\/\/localhost:(\d+) and enter the code ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(
        result.stderr,
      );
    expect(code?.[1]).toBe(String(port));
    expect(result.stdout).not.toContain(code?.[2]);
    // Not a terminal: the log is JSON lines, and it names the database without credentials.
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['opening database', 'stopped']));
  });
});
