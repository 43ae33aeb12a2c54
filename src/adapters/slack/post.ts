// Posting a reply to a channel through the Web API (chat.postMessage): for messages that do
// not answer a slash command, such as the daily digest. Failures come back as a value, never
// as an exception: a channel that is gone or a bot that was never invited must not stop the
// other posts, and a rate limit is waited out by the Web API client (it honours Retry-After).
import type { App, Logger } from '@slack/bolt';
import { renderSlack } from '../../render/slack.ts';
import type { Reply } from '../../reply/model.ts';
import { describeSlackError, type SlackFailure } from './errors.ts';

export type PostOutcome = { ok: true; channel: string; ts: string } | ({ ok: false; channel: string } & SlackFailure);

export async function postReply(client: App['client'], channel: string, reply: Reply, logger?: Logger): Promise<PostOutcome> {
  const { text, blocks } = renderSlack(reply);
  try {
    const result = await client.chat.postMessage({ channel, text, blocks, unfurl_links: false, unfurl_media: false });
    return { ok: true, channel: result.channel ?? channel, ts: result.ts ?? '' };
  } catch (err) {
    const failure = describeSlackError(err);
    logger?.warn(`chat.postMessage to ${channel} failed: ${failure.error}`);
    return { ok: false, channel, ...failure };
  }
}
