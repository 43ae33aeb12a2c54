// Cold start of the CLI to its first answer, as a script would meet it: a new process for
// `incident volt typhoon` on the real data, from the production build (`npm run build`,
// compiled JavaScript, plain node) and, as the same-run baseline, through the TypeScript loader
// (tsx). Runs alternate between the two so a busy spell hurts both alike.
//
// Wall clock to the first byte of the answer and to exit; CPU time of the child (user + system,
// from /proc/self/stat's cutime/cstime of waited-for children, 10 ms resolution on Linux).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stats, type Stats } from './measure.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const COLD_QUERY = ['incident', 'volt', 'typhoon'];
const COMPILED = path.join(ROOT, 'dist/src/cli/index.js');

export interface ColdStartVariant {
  how: string;
  command: string;
  firstByte: Stats;
  exit: Stats;
  cpu?: Stats;
}

export interface ColdStartResult {
  runs: number;
  warmups: number;
  /** The build was made by this run (dist/ was missing). */
  built: boolean;
  variants: ColdStartVariant[];
  error?: string;
}

/** CPU time (ms) of every child this process has waited for, or undefined off Linux. */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the name start at 3 (state); cutime and cstime are 16 and 17.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

function once(args: string[]): Promise<{ firstByte: number; exit: number; cpu?: number; out: string }> {
  return new Promise((resolve, reject) => {
    const cpu0 = childrenCpuMs();
    const t0 = performance.now();
    let firstByte = 0;
    let out = '';
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (!firstByte) firstByte = performance.now() - t0;
      out += chunk;
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => {
      const exit = performance.now() - t0;
      const cpu1 = childrenCpuMs();
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}`));
      resolve({ firstByte, exit, cpu: cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined, out });
    });
  });
}

export async function measureColdStart(opts: { runs?: number; warmups?: number; log?: (m: string) => void } = {}): Promise<ColdStartResult> {
  const runs = opts.runs ?? 10;
  const warmups = opts.warmups ?? 2;
  const log = opts.log ?? (() => {});
  let built = false;
  if (!existsSync(COMPILED)) {
    log('dist/ is missing: npm run build');
    const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) return { runs, warmups, built, variants: [], error: 'npm run build failed' };
    built = true;
  }
  const variants = [
    { how: 'production build (node dist/)', command: `node dist/src/cli/index.js ${COLD_QUERY.join(' ')}`, args: [COMPILED, ...COLD_QUERY] },
    { how: 'TypeScript loader (node --import tsx)', command: `node --import tsx src/cli/index.ts ${COLD_QUERY.join(' ')}`, args: ['--import', 'tsx', path.join(ROOT, 'src/cli/index.ts'), ...COLD_QUERY] },
  ];
  const samples = variants.map(() => ({ firstByte: [] as number[], exit: [] as number[], cpu: [] as number[] }));
  for (let i = 0; i < warmups + runs; i++) {
    for (const [v, variant] of variants.entries()) {
      const r = await once(variant.args);
      if (!/volt typhoon/i.test(r.out)) throw new Error(`${variant.command} did not answer with Volt Typhoon`);
      if (i < warmups) continue;
      samples[v]!.firstByte.push(r.firstByte);
      samples[v]!.exit.push(r.exit);
      if (r.cpu !== undefined) samples[v]!.cpu.push(r.cpu);
    }
  }
  const result = variants.map((v, i) => ({
    how: v.how,
    command: v.command,
    firstByte: stats(samples[i]!.firstByte),
    exit: stats(samples[i]!.exit),
    cpu: samples[i]!.cpu.length ? stats(samples[i]!.cpu) : undefined,
  }));
  for (const v of result) log(`cold start, ${v.how}: first answer p50 ${Math.round(v.firstByte.p50)} ms, p90 ${Math.round(v.firstByte.p90)} ms`);
  return { runs, warmups, built, variants: result };
}
