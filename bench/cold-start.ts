// Cold start of the CLI, as a script would see it: spawn `node dist/src/cli/index.js <args>`
// (the production build, no TypeScript loader) N times and report the median wall time to the
// process's exit. Build first (npm run build). Usage:
//   node --import tsx bench/cold-start.ts [--runs 10] [--entry dist/src/cli/index.js] [-- args…]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface ColdStart {
  runs: number;
  /** Wall time from spawn to exit. */
  medianMs: number;
  minMs: number;
  maxMs: number;
  /**
   * The child's own CPU time (user + system, as it reports at exit): on a shared, loaded machine
   * wall time includes waiting for a core, CPU time does not, so it is the steadier figure.
   */
  medianCpuMs: number;
}

// Preloaded into the child: prints its CPU time on stderr at exit (a data: URL, no file needed).
const REPORT_CPU = 'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write(String.fromCharCode(10)+"COLD_CPU_MS "+(u.user+u.system)/1000+String.fromCharCode(10))})';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function measureColdStart(entry: string, args: string[], runs: number, nodeArgs: string[] = []): ColdStart {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [...nodeArgs, '--import', REPORT_CPU, entry, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DATABASE_URL: '' } });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${entry} ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 500)}`);
    times.push(ms);
    const reported = /COLD_CPU_MS ([\d.]+)/.exec(r.stderr.toString());
    if (reported) cpu.push(Number(reported[1]));
  }
  return { runs, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), medianCpuMs: cpu.length ? median(cpu) : NaN };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { runs: { type: 'string', default: '10' }, entry: { type: 'string', default: 'dist/src/cli/index.js' }, loader: { type: 'boolean', default: false } },
  });
  const args = positionals.length ? positionals : ['incident', 'volt', 'typhoon'];
  const nodeArgs = values.loader ? ['--import', 'tsx'] : [];
  const r = measureColdStart(values.entry!, args, Number(values.runs), nodeArgs);
  console.log(`${values.entry} ${args.join(' ')}: median ${r.medianMs.toFixed(0)} ms wall (min ${r.minMs.toFixed(0)}, max ${r.maxMs.toFixed(0)}), median ${r.medianCpuMs.toFixed(0)} ms CPU, over ${r.runs} runs`);
}
