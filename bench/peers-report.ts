// Text tables for the figures beside the project's own: the peer libraries per size, the CLI's
// cold start, the state write cost. bench/report.ts keeps the project's own tables.
import type { ColdStartResult } from './cold-start.ts';
import type { PeersSizeResult, PhaseResult } from './peers.ts';
import { QUERY_CLASSES } from './queries.ts';
import type { Accuracy } from './measure.ts';
import type { StateWriteResult } from './state-write.ts';

export interface Extras {
  peers?: PeersSizeResult[];
  coldStart?: ColdStartResult;
  stateWrites?: StateWriteResult;
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const pct = (a: Accuracy | undefined) => (a && a.n ? `${((100 * a.top1) / a.n).toFixed(0)}% (${a.top1}/${a.n})` : '—');
const timedOf = (p: PhaseResult) => `${p.answered}/${p.total}${p.cut ? ' (budget)' : ''}`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

export function extrasText(extras: Extras): string {
  const out: string[] = [];
  for (const size of extras.peers ?? []) {
    out.push('');
    out.push(`Peers at ${size.size.toLocaleString('en')} incidents (search call alone; ${size.budgetS} s budget per engine and phase, up to ${size.passes} passes; load ${size.load.before}→${size.load.after})`);
    out.push(
      table([
        ['engine', 'version', 'build s', 'CPU s', 'heap MB', 'search p50', 'p99', 'mean', 'CPU p99', 'timed', 'autocomplete p50', 'p99', 'timed', 'top-1', 'offered'],
        ...size.peers.map((p) =>
          p.error
            ? [p.name, p.version ?? '', `FAILED: ${p.error}`]
            : [
                p.name,
                p.version ?? '',
                (p.buildMs / 1000).toFixed(2),
                (p.buildCpuMs / 1000).toFixed(2),
                String(p.heapMB),
                ms(p.search.p50),
                ms(p.search.p99),
                ms(p.search.mean),
                ms(p.search.cpu.p99),
                timedOf(p.search),
                ms(p.suggest.p50),
                ms(p.suggest.p99),
                timedOf(p.suggest),
                pct(p.accuracy.all),
                `${p.suggestFound.found}/${p.suggestFound.n}`,
              ],
        ),
      ]),
    );
    const classes = QUERY_CLASSES.filter((c) => c !== 'broad');
    out.push('');
    out.push(`Top-1 by query class at ${size.size.toLocaleString('en')} (over the queries each engine answered in its budget)`);
    out.push(table([['engine', ...classes, 'all'], ...size.peers.map((p) => [p.name, ...classes.map((c) => pct(p.accuracy[c])), pct(p.accuracy.all)])]));
  }
  const cold = extras.coldStart;
  if (cold) {
    out.push('');
    out.push(`Cold start of the CLI to its first answer (real data; ${cold.runs} runs each after ${cold.warmups} warm-ups, alternating)`);
    if (cold.error) out.push(`  ${cold.error}`);
    else
      out.push(
        table([
          ['how', 'first answer p50 ms', 'p90', 'exit p50', 'CPU p50 ms'],
          ...cold.variants.map((v) => [v.command, ms(v.firstByte.p50), ms(v.firstByte.p90), ms(v.exit.p50), v.cpu ? ms(v.cpu.p50) : '—']),
        ]),
      );
  }
  const state = extras.stateWrites;
  if (state) {
    out.push('');
    out.push(`State write cost (${state.samples} writes each, ms)${state.postgresSkipped ? `; ${state.postgresSkipped}` : ''}`);
    out.push(
      table([
        ['backend', 'subscriptions', 'add p50', 'p90', 'claim+record post p50', 'p90', 'snapshot refresh p50', 'file MB'],
        ...state.rows.map((r) => [
          r.backend,
          r.subscriptions.toLocaleString('en'),
          ms(r.addSubscription.p50),
          ms(r.addSubscription.p90),
          ms(r.recordPost.p50),
          ms(r.recordPost.p90),
          r.refresh ? ms(r.refresh.p50) : '—',
          r.fileMB !== undefined ? String(r.fileMB) : '—',
        ]),
      ]),
    );
  }
  return out.join('\n');
}
