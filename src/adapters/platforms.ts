// Starts the chat platforms that are configured, side by side in one process, and stops them
// cleanly on SIGINT/SIGTERM. Each adapter is loaded only when its token is set, so a console
// or Slack-only install never loads discord.js, and vice versa.
import type { Config } from '../config.ts';
import type { Bot } from '../core/bot.ts';

export class PlatformStartError extends Error {
  override name = 'PlatformStartError';
}

export interface RunningPlatform {
  name: string;
  stop(): Promise<void>;
}

export async function startPlatforms(bot: Bot, config: Config): Promise<RunningPlatform[]> {
  const running: RunningPlatform[] = [];
  const failures: string[] = [];
  // One platform failing to start (a revoked token) should not take the other one down.
  if (config.discord) {
    try {
      const { startDiscord } = await import('./discord/index.ts');
      running.push(await startDiscord(bot, config.discord));
      console.error('[ilzam] discord: connected');
    } catch (err) {
      failures.push(`discord: ${(err as Error).message}`);
    }
  }
  if (config.slack) {
    try {
      const { startSlack } = await import('./slack/index.ts');
      running.push(await startSlack(bot, config.slack));
      console.error('[ilzam] slack: connected');
    } catch (err) {
      failures.push(`slack: ${(err as Error).message}`);
    }
  }
  if (!running.length) throw new PlatformStartError(`no platform could start (${failures.join('; ')})`);
  for (const failure of failures) console.error(`[ilzam] ${failure}`);
  stopOnSignals(running);
  return running;
}

function stopOnSignals(running: RunningPlatform[]): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`[ilzam] ${signal}: shutting down`);
    // A second signal, or a stop that hangs, must not leave the process stuck.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void Promise.allSettled(running.map((p) => p.stop())).then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
