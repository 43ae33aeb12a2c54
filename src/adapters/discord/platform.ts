// Discord as an entry of the startup list (src/app/platforms.ts). Its settings are read
// without loading the platform library; start() loads the adapter only when it is configured.
import type { Platform } from '../platform.ts';
import { describeDiscord, readDiscordConfig, type DiscordConfig } from './config.ts';
import type { DiscordOptions } from './index.ts';

/** Discord in the startup list: discord.js is loaded only when DISCORD_TOKEN is set. */
export const discordPlatform: Platform<DiscordConfig, DiscordOptions> = {
  name: 'discord',
  readConfig: readDiscordConfig,
  describe: describeDiscord,
  start: async (bot, config, options) => (await import('./index.ts')).startDiscord(bot, config, options),
};
