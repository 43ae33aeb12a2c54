// The one list of chat platforms, and starting the configured ones side by side in one
// process, with the daily digest and instant alerts: the state store is opened first (a state
// directory that cannot be used stops start-up before any client logs in), the
// SubscriptionService and FollowService go into the Bot's services, and the scheduler and the
// alert dispatcher start once the clients are ready. One platform that
// cannot start (a revoked token, a wrong token type, no answer in time) fails alone; the
// others run. Stops cleanly on SIGINT/SIGTERM.
// The list of platforms and the configuration are in ./config.ts.
import type { RunningPlatform } from '../adapters/platform.ts';
import type { Bot } from '../core/bot.ts';
import type { DigestScheduler } from '../digest/index.ts';
import { startIngestSchedule, type IngestSchedule } from '../ingest/schedule.ts';
import { Publisher } from '../review/publisher.ts';
import { ReviewService } from '../review/service.ts';
import { openStorage } from '../store/open.ts';
import { logFor } from '../log/logger.ts';
import { openDigest, type Digest, type DigestOptions } from './digest.ts';
import { startHealthServer } from './health.ts';
import { PLATFORMS, type AppConfig } from './config.ts';

// The configuration is read in ./config.ts, which loads no platform library or parser: the
// console and the CLI read it too.
export { PLATFORMS, describeConfig, readConfig, type AppConfig } from './config.ts';

export class PlatformStartError extends Error {
  override name = 'PlatformStartError';
}

export interface RunningPlatforms {
  platforms: RunningPlatform[];
  /** Applies published records (approvals) to the bot's data as they appear. */
  publisher: Publisher;
  /** The Bot the platforms answer with: the one given, with the digest's services. */
  bot: Bot;
  digest: Digest;
  scheduler: DigestScheduler;
  /** The port of the health endpoint, when HEALTH_PORT is set. */
  healthPort?: number;
  /** Scheduler and alerts first (they wait for the post in flight), then the platforms, then pending state writes. */
  stop(): Promise<void>;
}

export interface StartPlatformsOptions extends DigestOptions {
  /** Stop on SIGINT/SIGTERM and exit (default true; tests stop by hand). */
  handleSignals?: boolean;
  /** Options for each platform's start(), by name (tests pass loggers and timings). */
  platformOptions?: Record<string, unknown>;
  /** How long a platform may take to connect before it is given up on (default 60 s). */
  startTimeoutMs?: number;
}

export async function startPlatforms(baseBot: Bot, config: AppConfig, options: StartPlatformsOptions = {}): Promise<RunningPlatforms> {
  // One storage for every service; opened before any client logs in, so a state directory or
  // database that cannot be used stops start-up with one line.
  const storage = options.storage ?? (await openStorage(config, { now: options.clock?.now }));
  const digest = await openDigest(baseBot.kb, config, { ...options, storage });
  // Approved drafts become answerable here, whoever approved them (this process, another
  // instance, npm run review): the publisher applies the storage's change feed and follows it;
  // each publication also wakes the alert dispatcher, so followers hear of it at once.
  const publisher = new Publisher(baseBot.kb, baseBot.search, storage);
  publisher.onPublished(() => void digest.alerts?.tick());
  await publisher.start();
  const review = new ReviewService({ storage, finder: baseBot, now: options.clock?.now, onPublished: (record) => void publisher.published(record) });
  const bot = baseBot.withServices({ ...baseBot.services, subscriptions: digest.service, follows: digest.follows, review });
  const configured = PLATFORMS.filter((p) => config.platforms[p.name] !== undefined);
  const results = await Promise.allSettled(
    // The storage goes to every platform: Slack's public distribution keeps installations in it.
    configured.map((p) => withTimeout(p.start(bot, config.platforms[p.name], { storage, ...(options.platformOptions?.[p.name] as object | undefined) }), options.startTimeoutMs ?? 60_000)),
  );
  const running: RunningPlatform[] = [];
  const failures: { name: string; reason: string }[] = [];
  results.forEach((result, i) => {
    const name = configured[i]!.name;
    if (result.status === 'fulfilled') {
      running.push(result.value);
      logFor(name).info('connected');
    } else {
      failures.push({ name, reason: result.reason instanceof Error ? result.reason.message : String(result.reason) });
    }
  });
  if (!running.length) {
    publisher.stop();
    await digest.stop();
    if (!options.storage) await storage.close();
    throw new PlatformStartError(`no platform could start (${failures.map((f) => `${f.name}: ${f.reason}`).join('; ')})`);
  }
  for (const failure of failures) logFor(failure.name).error(failure.reason);

  let ingest: IngestSchedule | undefined;
  let health: Awaited<ReturnType<typeof startHealthServer>> | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      publisher.stop();
      await Promise.allSettled([digest.scheduler?.stop(), digest.alerts?.stop(), ingest?.stop(), health?.stop()]);
      await Promise.allSettled(running.map((p) => p.stop()));
      // Commands answered while the platforms stopped may still be writing.
      await digest.stop();
      if (!options.storage) await storage.close();
    })());
  if (options.handleSignals ?? true) stopOnSignals(stop);
  // A platform that did not start keeps its subscriptions untouched until it runs again.
  const scheduler = await digest.start(running.map((p) => p.poster));
  logFor().info(`daily digest: running for ${running.map((p) => p.name).join(' and ')}`);
  if (config.ingest?.enabled) {
    ingest = startIngestSchedule({ store: storage, intervalMinutes: config.ingest.intervalMinutes });
    logFor('ingest').info(`every ${config.ingest.intervalMinutes} min`);
  }
  if (config.healthPort !== undefined) {
    health = await startHealthServer(config.healthPort, {
      platforms: () => running.map((p) => ({ name: p.name, ok: p.connected?.() ?? true })),
      storage: () => storage.health(),
      digest: () => ({ lastRunAt: scheduler.lastRunAt?.toISOString(), nextWakeAt: scheduler.nextWakeAt?.toISOString() }),
    });
    logFor('health').info(`http://0.0.0.0:${health.port}/healthz`);
  }
  return { platforms: running, publisher, bot, digest, scheduler, stop, healthPort: health?.port };
}

/** The started platform, or a rejection when it has not connected in time (a wrong token can hang a client). */
async function withTimeout(start: Promise<RunningPlatform>, ms: number): Promise<RunningPlatform> {
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`did not connect within ${Math.round(ms / 1000)} s`));
    }, ms);
    timer.unref();
  });
  // A start that finishes after its time is up is stopped again, so it does not run unseen.
  start.then(
    (late) => (timedOut ? late.stop().catch(() => undefined) : undefined),
    () => undefined,
  );
  try {
    return await Promise.race([start, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logFor().info(`${signal}: shutting down`);
    // A second signal, or a stop that hangs, must not leave the process stuck: process managers
    // and containers give about 5-10 s before SIGKILL, and answers in flight get 3 s of it.
    const force = setTimeout(() => process.exit(1), 4500);
    force.unref();
    void stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
}
