// Discord's settings, read from the environment. Loaded by npm start before any platform
// library, so it imports none: a console or Slack-only run never loads discord.js.
import { ConfigError, envValue, idListValue, secretValue, urlValue } from '../../config.ts';
import { describeShards, readShardSetting, type ShardSetting } from './shard-config.ts';

export interface DiscordConfig {
  token: string;
  applicationId?: string;
  guildId?: string;
  apiUrl?: string;
  /** Role ids whose members may review drafts, besides members with Manage Server. */
  reviewerRoles?: string[];
  /** Sharding (DISCORD_SHARDS, or DISCORD_SHARD_IDS with DISCORD_SHARD_COUNT); absent: one gateway connection. */
  shards?: ShardSetting;
}

// A bot token is three base64url parts joined by dots (the first encodes the bot's id).
const TOKEN_SHAPE = /^[\w-]{18,}\.[\w-]{4,}\.[\w-]{20,}$/;

/** The Discord settings, or undefined when DISCORD_TOKEN is not set. Throws ConfigError on a value that cannot work. */
export function readDiscordConfig(env: NodeJS.ProcessEnv): DiscordConfig | undefined {
  // "Bot " is how the token goes in a header; people paste it with it.
  const raw = envValue(env, 'DISCORD_TOKEN')?.replace(/^Bot\s+/i, '');
  const token = raw === undefined ? undefined : secretValue({ DISCORD_TOKEN: raw }, 'DISCORD_TOKEN');
  if (!token) return undefined;
  if (!TOKEN_SHAPE.test(token)) throw new ConfigError('DISCORD_TOKEN does not look like a Discord bot token (three dot-separated parts, from the Bot page of the Developer Portal)');
  const applicationId = envValue(env, 'DISCORD_APPLICATION_ID');
  if (applicationId && !SNOWFLAKE.test(applicationId)) throw new ConfigError('DISCORD_APPLICATION_ID must be the application’s numeric id');
  const guildId = envValue(env, 'DISCORD_GUILD_ID');
  if (guildId && !SNOWFLAKE.test(guildId)) throw new ConfigError('DISCORD_GUILD_ID must be a server’s numeric id');
  return {
    token,
    applicationId,
    guildId,
    apiUrl: urlValue(env, 'DISCORD_API_URL', 'https://discord.com/api'),
    reviewerRoles: idListValue(env, 'DISCORD_REVIEWER_ROLES', SNOWFLAKE, 'a role id (a number)'),
    shards: readShardSetting(env),
  };
}

/** Discord ids (snowflakes): a number of 15 to 25 digits. */
const SNOWFLAKE = /^\d{15,25}$/;

export function describeDiscord(config: DiscordConfig): string {
  const extras = [config.apiUrl ? 'custom API URL' : undefined, config.shards ? describeShards(config.shards) : undefined].filter(Boolean);
  return `discord=on${extras.length ? ` (${extras.join(', ')})` : ''}`;
}

