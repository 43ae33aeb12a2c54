// Discord sharding settings, read from the environment without loading discord.js (npm start
// reads every platform's settings before loading any platform library). Sharding itself is
// discord.js's internal sharding: one client holding one or more gateway connections.
// docs/discord.md, "Sharding", says when to turn it on.
import { ConfigError, envValue, shown } from '../../config.ts';

/**
 * - 'auto': as many shards as Discord recommends (GET /gateway/bot), all in this process;
 * - count and ids: the bot runs `count` shards in all, and this instance holds `ids` (every id
 *   below count with DISCORD_SHARDS=N; a part of them with DISCORD_SHARD_IDS).
 */
export type ShardSetting = 'auto' | { count: number; ids: number[] };

/** More shards than this is surely a typo: Discord recommends one per ~1,000 servers. */
const MAX_SHARDS = 4096;

/** DISCORD_SHARDS, or DISCORD_SHARD_IDS with DISCORD_SHARD_COUNT; undefined (one connection, no sharding) when none is set. */
export function readShardSetting(env: NodeJS.ProcessEnv): ShardSetting | undefined {
  const shards = envValue(env, 'DISCORD_SHARDS');
  const ids = envValue(env, 'DISCORD_SHARD_IDS');
  const count = envValue(env, 'DISCORD_SHARD_COUNT');
  if (shards !== undefined && (ids !== undefined || count !== undefined)) {
    throw new ConfigError('set DISCORD_SHARDS (every shard in this process) or DISCORD_SHARD_IDS with DISCORD_SHARD_COUNT (a part of them), not both');
  }
  if (shards !== undefined) {
    if (shards.toLowerCase() === 'auto') return 'auto';
    const n = shardNumber(shards, 'DISCORD_SHARDS', 1);
    return { count: n, ids: Array.from({ length: n }, (_, i) => i) };
  }
  if (ids === undefined && count === undefined) return undefined;
  if (ids === undefined || count === undefined) throw new ConfigError('DISCORD_SHARD_IDS and DISCORD_SHARD_COUNT go together: the shards this instance holds, and how many the bot runs in all');
  const total = shardNumber(count, 'DISCORD_SHARD_COUNT', 1);
  const held = ids.split(',').map((id) => id.trim()).filter(Boolean).map((id) => shardNumber(id, 'DISCORD_SHARD_IDS', 0));
  if (!held.length) throw new ConfigError('DISCORD_SHARD_IDS must list at least one shard id, like 0,1');
  const outside = held.find((id) => id >= total);
  if (outside !== undefined) throw new ConfigError(`DISCORD_SHARD_IDS: shard ${outside} does not exist with DISCORD_SHARD_COUNT=${total} (ids run from 0 to ${total - 1})`);
  return { count: total, ids: [...new Set(held)].sort((a, b) => a - b) };
}

function shardNumber(raw: string, key: string, min: number): number {
  const n = /^\d{1,5}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!(n >= min && n <= MAX_SHARDS)) throw new ConfigError(`${key} must be ${key === 'DISCORD_SHARDS' ? '"auto" or ' : ''}a whole number from ${min} to ${MAX_SHARDS}, not "${shown(raw, 20)}"`);
  return n;
}

/** For the start-up line: "shards=auto", "shards=4", "shards=0,1 of 4". */
export function describeShards(setting: ShardSetting): string {
  if (setting === 'auto') return 'shards=auto';
  return setting.ids.length === setting.count ? `shards=${setting.count}` : `shards=${setting.ids.join(',')} of ${setting.count}`;
}
