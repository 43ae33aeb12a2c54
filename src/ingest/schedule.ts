// Runs the ingest pass on an interval, for `npm start` with INGEST=1. Passes never overlap: the
// next is planned when the last one ends. A pass that throws (the state file cannot be
// written, say) is logged and the schedule goes on.
import type { Storage } from '../store/storage.ts';
import { logFor } from '../log/logger.ts';
import { runIngestPass, summaryLine, type IngestPassOptions, type IngestReport } from './pass.ts';

export interface IngestConfig {
  enabled: boolean;
  intervalMinutes: number;
}

export class IngestConfigError extends Error {
  override name = 'IngestConfigError';
}

/** INGEST=1 turns it on; INGEST_INTERVAL_MINUTES (default 30, at least 5) sets the interval. */
export function readIngestConfig(env: NodeJS.ProcessEnv = process.env): IngestConfig {
  const enabled = ['1', 'true', 'yes', 'on'].includes((env.INGEST ?? '').trim().toLowerCase());
  const raw = (env.INGEST_INTERVAL_MINUTES ?? '').trim();
  const intervalMinutes = raw ? Number(raw) : 30;
  if (!Number.isFinite(intervalMinutes) || intervalMinutes < 5 || intervalMinutes > 24 * 60) {
    throw new IngestConfigError(`INGEST_INTERVAL_MINUTES must be a number of minutes from 5 to 1440, not "${raw}"`);
  }
  return { enabled, intervalMinutes };
}

export interface IngestSchedule {
  stop(): Promise<void>;
}

export function startIngestSchedule(opts: { store: Storage; intervalMinutes: number; log?: (line: string, level?: 'info' | 'warn') => void; pass?: Omit<IngestPassOptions, 'store'> }): IngestSchedule {
  const log = opts.log ?? ((line: string, level: 'info' | 'warn' = 'info') => logFor()[level](line));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<IngestReport | void> | undefined;
  let stopped = false;
  const tick = () => {
    running = runIngestPass({ ...opts.pass, store: opts.store })
      .then((report) => {
        // A line for the pass and one per failure; the drafts themselves are in the state file.
        log([`ingest pass: ${summaryLine(report)}`, ...report.failures.map((f) => `ingest FAILED ${f.source} ${f.url}: ${f.reason}: ${f.message}`)].join('\n'));
        return report;
      })
      .catch((err: unknown) => log(`ingest pass failed: ${err instanceof Error ? err.message : String(err)}`, 'warn'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMinutes * 60_000);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
