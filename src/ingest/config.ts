// The ingest schedule's settings, read from the environment at start-up. Apart from the
// schedule itself so that reading them (every start, the console's too) loads no parser.
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
