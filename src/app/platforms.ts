// Starts the chat platforms that are configured, side by side in one process, with the daily
// digest: the state store is opened first (a state directory that cannot be used stops
// start-up before any client logs in), the adapters answer the subscription commands, and the
// scheduler starts once the clients are ready. Stops cleanly on SIGINT/SIGTERM. Each adapter is
// loaded only when its token is set, so a console or Slack-only install never loads
// discord.js, and vice versa.
import type { Config } from '../config.ts';
import type { Bot } from '../core/bot.ts';
import type { DigestPoster, DigestScheduler } from '../digest/index.ts';
import type { DiscordOptions } from '../adapters/discord/index.ts';
import type { StartSlackOptions } from '../adapters/slack/index.ts';
import { openDigest, type Digest, type DigestOptions } from './digest.ts';

export class PlatformStartError extends Error {
  override name = 'PlatformStartError';
}

export interface RunningPlatform {
  name: string;
  poster: DigestPoster;
  stop(): Promise<void>;
}

export interface RunningPlatforms {
  platforms: RunningPlatform[];
  digest: Digest;
  scheduler: DigestScheduler;
  /** Scheduler first (it waits for the post in flight), then the platforms, then pending state writes. */
  stop(): Promise<void>;
}

export interface StartPlatformsOptions extends DigestOptions {
  /** Stop on SIGINT/SIGTERM and exit (default true; tests stop by hand). */
  handleSignals?: boolean;
  discord?: Omit<DiscordOptions, 'digest'>;
  slack?: Omit<StartSlackOptions, 'digest'>;
}

export async function startPlatforms(bot: Bot, config: Config, options: StartPlatformsOptions = {}): Promise<RunningPlatforms> {
  const digest = await openDigest(bot.kb, config, options);
  const running: RunningPlatform[] = [];
  const failures: string[] = [];
  // One platform failing to start (a revoked token) should not take the other one down.
  if (config.discord) {
    try {
      const { startDiscord } = await import('../adapters/discord/index.ts');
      running.push(await startDiscord(bot, config.discord, { ...options.discord, digest: digest.service }));
      console.error('[ilzam] discord: connected');
    } catch (err) {
      failures.push(`discord: ${(err as Error).message}`);
    }
  }
  if (config.slack) {
    try {
      const { startSlack } = await import('../adapters/slack/index.ts');
      running.push(await startSlack(bot, config.slack, { ...options.slack, digest: digest.service }));
      console.error('[ilzam] slack: connected');
    } catch (err) {
      failures.push(`slack: ${(err as Error).message}`);
    }
  }
  if (!running.length) {
    await digest.stop();
    throw new PlatformStartError(`no platform could start (${failures.join('; ')})`);
  }
  for (const failure of failures) console.error(`[ilzam] ${failure}`);

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await digest.scheduler?.stop();
      await Promise.allSettled(running.map((p) => p.stop()));
      // Commands answered while the platforms stopped may still be writing.
      await digest.stop();
    })());
  if (options.handleSignals ?? true) stopOnSignals(stop);
  // A platform that did not start keeps its subscriptions untouched until it runs again.
  const scheduler = await digest.start(running.map((p) => p.poster));
  return { platforms: running, digest, scheduler, stop };
}

function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`[ilzam] ${signal}: shutting down`);
    // A second signal, or a stop that hangs, must not leave the process stuck.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
}
