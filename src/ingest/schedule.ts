// Runs the ingest pass on an interval, for `npm start` with INGEST=1. Passes never overlap: the
// next is planned when the last one ends. A pass that throws (the state file cannot be
// written, say) is logged and the schedule goes on.
import type { Storage } from '../store/storage.ts';
import { logFor } from '../log/logger.ts';
import { runIngestPass, summaryLine, type IngestPassOptions, type IngestReport } from './pass.ts';

// The settings live apart (./config.ts) so reading them loads no feed or HTML parser.
export { IngestConfigError, readIngestConfig, type IngestConfig } from './config.ts';

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
