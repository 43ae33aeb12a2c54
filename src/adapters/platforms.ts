// Starts the chat platforms that are configured, side by side in one process, and stops them
// cleanly on SIGINT/SIGTERM. Each adapter is loaded only when its token is set.
import type { Config } from '../config.ts';
import type { Bot } from '../core/bot.ts';

export interface RunningPlatform {
  name: string;
  stop(): Promise<void>;
}

export async function startPlatforms(bot: Bot, config: Config): Promise<RunningPlatform[]> {
  const running: RunningPlatform[] = [];
  // Platform adapters register here as they are built (Discord: issue 4, Slack: issue 5).
  void bot;
  if (config.discord || config.slack) {
    throw new Error('Discord and Slack adapters are not built yet; unset DISCORD_TOKEN and SLACK_BOT_TOKEN to use the console');
  }
  return running;
}
