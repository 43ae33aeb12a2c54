// discord.js's internal sharding, as the adapter uses it: the Client options for the setting,
// and which subscriptions and alert channels this instance posts for once it is connected.
// Discord sends a server's events (its slash commands included) over the shard
// (guild_id >> 22) % shard_count; the digest and alerts for that server go out from the
// instance that holds that shard, so instances that split the shards never post twice.
import { ShardClientUtil, type Client, type ClientOptions } from 'discord.js';
import type { PostTarget } from '../../digest/poster.ts';
import type { ShardSetting } from './shard-config.ts';

/** The Client options for a setting; none without one (discord.js then opens one connection, shard 0 of 1). */
export function shardOptions(setting: ShardSetting | undefined): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (!setting) return {};
  if (setting === 'auto') return { shards: 'auto' };
  return { shards: setting.ids, shardCount: setting.count };
}

/** The shards a logged-in client holds, and how many the bot runs in all (with 'auto', what Discord recommended). */
export function heldShards(client: Client): { ids: number[]; count: number } {
  const { shards, shardCount } = client.options;
  return { ids: Array.isArray(shards) ? [...shards] : [0], count: shardCount ?? 1 };
}

/**
 * Whether this instance posts for a target, or undefined when it holds every shard (then every
 * channel is its own and there is nothing to check).
 */
export function shardOwnership({ ids, count }: { ids: number[]; count: number }): ((target: PostTarget) => boolean) | undefined {
  const held = new Set(ids);
  if (Array.from({ length: count }, (_, i) => i).every((id) => held.has(id))) return undefined;
  return (target) => held.has(shardOf(target.workspace, count));
}

/**
 * The shard of a server. A DM or any channel outside a server is shard 0's, as Discord sends
 * its events there. So is a subscription saved before its server was recorded (an older record
 * without a workspace): posting it needs only REST, so one fixed instance, the holder of
 * shard 0, serves it and no other does. (Discord subscriptions have recorded their server
 * since the digest began; /unsubscribe and /subscribe again records it for any that did not.)
 */
export function shardOf(guildId: string | undefined, count: number): number {
  if (guildId === undefined || !/^\d{1,25}$/.test(guildId)) return 0;
  return ShardClientUtil.shardIdForGuildId(guildId, count);
}
