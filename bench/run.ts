// npm run bench [-- --sizes 1000,10000,100000] [--json] [--seed N] [--cap N] [--passes N]
//                 [--peers a,b | --no-peers] [--peer-budget S] [--no-cold-start] [--no-state]
//
// Beside the project's own figures: the peer libraries per size (bench/peers.ts), the CLI's cold
// start (bench/cold-start.ts) and the state write cost (bench/state-write.ts), once per run.
//
// Measures the core at each store size in a child process of its own (started with
// --expose-gc, so heap figures are taken after a forced GC and one size cannot inflate the
// next), then prints a table, or with --json the same figures as one JSON document.
// See docs/performance.md for the method and a recent run.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SizeResult } from './measure.ts';
import { jsonReport, textReport } from './report.ts';
import { measureColdStart } from './cold-start.ts';
import type { PeersSizeResult } from './peers.ts';
import { extrasText, type Extras } from './peers-report.ts';
import { measureStateWrites } from './state-write.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE =
  'usage: npm run bench -- [--sizes 1000,10000,100000] [--json] [--seed N] [--cap N] [--passes N] [--peers a,b | --no-peers] [--peer-budget S] [--no-cold-start] [--no-state]';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value\n${USAGE}`);
  return value;
}

function positiveInt(text: string, what: string): number {
  const n = Number(text.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${what}: expected a positive whole number, got "${text}"\n${USAGE}`);
  return n;
}

function measureInChild<T = SizeResult>(size: number, extra: string[], script = 'bench/measure.ts', node: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...node, '--import', 'tsx', path.join(ROOT, script), '--size', String(size), ...extra], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`measuring ${size} incidents failed (exit ${code})`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as T);
      } catch (err) {
        reject(new Error(`measuring ${size} incidents printed no result: ${(err as Error).message}`));
      }
    });
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const json = args.includes('--json');
  const sizes = (option(args, 'sizes') ?? '1000,10000,100000').split(/[ ,]+/).filter(Boolean).map((s) => positiveInt(s, '--sizes'));
  const extra: string[] = [];
  for (const name of ['seed', 'cap', 'passes']) {
    const value = option(args, name);
    if (value !== undefined) extra.push(`--${name}`, String(positiveInt(value, `--${name}`)));
  }
  const meta = { date: new Date().toISOString(), command: `npm run bench -- ${args.join(' ')}`.trim() };
  const seed = option(args, 'seed');
  const peerArgs = args.includes('--no-peers') ? undefined : seed ? ['--seed', String(positiveInt(seed, '--seed'))] : [];
  const peerList = option(args, 'peers');
  if (peerArgs && peerList) peerArgs.push('--peers', peerList);
  const budget = option(args, 'peer-budget');
  if (peerArgs && budget) peerArgs.push('--budget', String(positiveInt(budget, '--peer-budget')));
  const results: SizeResult[] = [];
  const extras: Extras = {};
  for (const size of sizes) {
    process.stderr.write(`measuring ${size.toLocaleString('en')} incidents...\n`);
    results.push(await measureInChild(size, extra));
    if (peerArgs) (extras.peers ??= []).push(await measureInChild<PeersSizeResult>(size, peerArgs, 'bench/peers.ts', ['--max-old-space-size=12288']));
  }
  const log = (m: string) => process.stderr.write(`${m}\n`);
  if (!args.includes('--no-cold-start')) extras.coldStart = await measureColdStart({ log });
  if (!args.includes('--no-state')) extras.stateWrites = await measureStateWrites({ samples: 10, log });
  if (json) console.log(JSON.stringify({ ...jsonReport(results, meta), ...extras }, null, 2));
  else console.log(`${textReport(results, meta)}\n${extrasText(extras)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
