// Posting the daily digest to a Slack channel with chat.postMessage, through a Web API client of
// its own. The app's client retries failed requests for about 30 minutes; for the digest that
// could double a post (a retry after a timeout that Slack had in fact accepted), and it would
// hide rate limits from the scheduler. So this client never retries and rejects rate-limited
// calls: the scheduler retries with backoff, waits out Retry-After for the whole Slack queue,
// and treats a post with no answer at all as unconfirmed rather than sending it twice.
import type { Logger, webApi } from '@slack/bolt';
import type { DigestPoster } from '../../digest/poster.ts';
import { renderSlack } from './render.ts';
import type { Reply } from '../../reply/model.ts';
import { slackWebClient } from './app.ts';
import { SLACK_COMMAND_PREFIX } from './commands.ts';
import type { SlackConfig } from './config.ts';
import { slackPostError } from './errors.ts';

export function slackDigestClient(config: SlackConfig, logger: Logger): webApi.WebClient {
  return slackWebClient(config, logger, { retries: 0 }, true);
}

export function slackDigestPoster(client: webApi.WebClient): DigestPoster {
  async function send(channel: string, reply: Reply): Promise<{ messageId: string }> {
    const { text, blocks } = renderSlack(reply);
    try {
      const result = await client.chat.postMessage({ channel, text, blocks, unfurl_links: false, unfurl_media: false });
      return { messageId: result.ts || 'unknown' };
    } catch (err) {
      throw slackPostError(err);
    }
  }
  return {
    platform: 'slack',
    // Notices name the prefixed form, which works in every workspace (commands.ts says why).
    commandName: (name) => `/${SLACK_COMMAND_PREFIX}-${name}`,
    // Slack has no idempotency key: no dedupeWindowMs, so a post interrupted by a crash is
    // recorded as unconfirmed, never re-sent (docs/digest.md).
    post: (channel, reply) => send(channel, reply),
    notify: async (channel, reply) => {
      await send(channel, reply);
    },
  };
}
