// Posting the daily digest to a Discord channel, straight through REST (POST
// /channels/{id}/messages): the channel need not be in the client's cache, which without
// privileged intents it often is not.
//
// Exactly once: the idempotency key goes out as the message nonce with enforce_nonce, so when
// discord.js retries after a timeout, or a restarted bot re-sends within dedupeWindowMs, Discord
// hands back the first message instead of creating a second (it keeps nonces "a few minutes";
// the window stays well inside that).
import { Routes, type APIMessage, type REST } from 'discord.js';
import { PostError, type DigestPoster, type PostTarget } from '../../digest/poster.ts';
import { discordPostError } from './errors.ts';
import { renderDiscord } from './render.ts';
import type { Reply } from '../../reply/model.ts';

export const DISCORD_DEDUPE_WINDOW_MS = 60_000;

/** `owns`: the channels whose shard this instance holds, when it holds only some (sharding.ts); absent: all. */
export function discordDigestPoster(rest: REST, owns?: (target: PostTarget) => boolean): DigestPoster {
  async function send(channel: string, reply: Reply, nonce?: string): Promise<{ messageId: string }> {
    // Ids come from the state file; anything but a snowflake must not become part of a route.
    if (!/^\d{1,25}$/.test(channel)) throw new PostError('gone', `discord: "${channel.slice(0, 40)}" is not a channel id`);
    const { content, embeds } = renderDiscord(reply);
    const body = {
      ...(content ? { content } : {}),
      embeds,
      allowed_mentions: { parse: [] },
      ...(nonce ? { nonce, enforce_nonce: true } : {}),
    };
    try {
      const message = (await rest.post(Routes.channelMessages(channel), { body })) as APIMessage;
      return { messageId: message.id };
    } catch (err) {
      throw discordPostError(err);
    }
  }
  return {
    platform: 'discord',
    commandName: (name) => `/${name}`,
    dedupeWindowMs: DISCORD_DEDUPE_WINDOW_MS,
    post: (channel, reply, opts) => send(channel, reply, opts?.idempotencyKey),
    notify: async (channel, reply) => {
      await send(channel, reply);
    },
    ...(owns ? { owns } : {}),
  };
}
