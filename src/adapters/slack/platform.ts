// Slack as an entry of the startup list (src/app/platforms.ts). Its settings are read
// without loading the platform library; start() loads the adapter only when it is configured.
import type { Platform } from '../platform.ts';
import { describeSlack, readSlackConfig, type SlackConfig } from './config.ts';
import type { StartSlackOptions } from './index.ts';

/** Slack in the startup list: Bolt is loaded only when SLACK_BOT_TOKEN is set. */
export const slackPlatform: Platform<SlackConfig, StartSlackOptions> = {
  name: 'slack',
  readConfig: readSlackConfig,
  describe: describeSlack,
  start: async (bot, config, options) => (await import('./index.ts')).startSlack(bot, config, options),
};
