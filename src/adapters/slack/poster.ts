// Posting the daily digest to a Slack channel with chat.postMessage, through a Web API client of
// its own. The app's client retries failed requests for about 30 minutes; for the digest that
// could double a post (a retry after a timeout that Slack had in fact accepted), and it would
// hide rate limits from the scheduler. So this client never retries and rejects rate-limited
// calls: the scheduler retries with backoff, waits out Retry-After for the whole Slack queue,
// and treats a post with no answer at all as unconfirmed rather than sending it twice.
//
// With one workspace (SLACK_BOT_TOKEN) every post uses its token. In public distribution each
// channel is posted to with the bot token of the workspace its subscription (or alert channel)
// was made in: workspaceClients below.
import type { Logger, webApi } from '@slack/bolt';
import { PostError } from '../../digest/poster.ts';
import type { DigestPoster } from '../../digest/poster.ts';
import type { DigestStore, FollowStore } from '../../store/storage.ts';
import { renderSlack } from './render.ts';
import type { Reply } from '../../reply/model.ts';
import { slackWebClient } from './app.ts';
import { SLACK_COMMAND_PREFIX } from './commands.ts';
import type { SlackConfig } from './config.ts';
import { slackPostError } from './errors.ts';
import type { SlackInstallations } from './installations.ts';

/** The client to post to a channel with; throws PostError when there is none. */
export type ChannelClient = (channel: string) => Promise<webApi.WebClient>;

export function slackDigestClient(config: SlackConfig, logger: Logger, token = config.botToken): webApi.WebClient {
  return slackWebClient({ ...config, botToken: token }, logger, { retries: 0 }, true);
}

/** Workspaces a process keeps a posting client for at once; more is not worth the memory. */
const MAX_CLIENTS = 500;

/**
 * Public distribution: the channel's workspace is the one its digest subscription records, else
 * its alert channel's (a Slack Connect channel shared by two workspaces is posted to with the
 * token of the one that subscribed). No workspace, or a workspace without an installation, is
 * the channel's fault ('gone'): it counts towards pausing, with a reason that says why.
 */
export function workspaceClients(config: SlackConfig, logger: Logger, installations: SlackInstallations, store: DigestStore & FollowStore): ChannelClient {
  const clients = new Map<string, webApi.WebClient>();
  const clientFor = (token: string) => {
    let client = clients.get(token);
    if (!client) {
      if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value!);
      client = slackDigestClient(config, logger, token);
      clients.set(token, client);
    }
    return client;
  };
  return async (channel) => {
    let team: string | undefined;
    let token: string | undefined;
    try {
      team = store.listSubscriptions('slack').find((s) => s.channel === channel)?.workspace ?? (await store.listAlertChannels('slack')).find((c) => c.channel === channel)?.workspace;
      token = team ? await installations.botTokenOf(team) : undefined;
    } catch (err) {
      // The storage did not answer: not the channel's fault.
      throw new PostError('transient', `slack: could not read the workspace's installation: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err, mayHaveGoneOut: false });
    }
    if (!team) throw new PostError('gone', 'slack: the subscription does not record its workspace (made before public distribution); unsubscribe and subscribe again in the channel');
    if (!token) throw new PostError('gone', `slack: ilzam is not installed in workspace ${team} (uninstalled); install it again, then subscribe again`);
    return clientFor(token);
  };
}

/** Slack's answers that say the token no longer works. */
const TOKEN_REFUSED = new Set(['token_revoked', 'invalid_auth', 'account_inactive']);

/**
 * `perWorkspace`: each workspace has its own token (public distribution), so a refused token is
 * that workspace's fault alone (the app was removed and the event missed) and counts towards
 * pausing its channels; with one token it would break every channel at once, and stays
 * transient (errors.ts).
 */
export function slackDigestPoster(clientFor: ChannelClient, { perWorkspace = false }: { perWorkspace?: boolean } = {}): DigestPoster {
  async function send(channel: string, reply: Reply): Promise<{ messageId: string }> {
    const client = await clientFor(channel);
    const { text, blocks } = renderSlack(reply);
    try {
      const result = await client.chat.postMessage({ channel, text, blocks, unfurl_links: false, unfurl_media: false });
      return { messageId: result.ts || 'unknown' };
    } catch (err) {
      const error = (err as { data?: { error?: unknown } }).data?.error;
      if (perWorkspace && typeof error === 'string' && TOKEN_REFUSED.has(error)) {
        throw new PostError('forbidden', `slack: ${error}: the workspace's bot token was refused; install the app there again`, undefined, { cause: err, mayHaveGoneOut: false });
      }
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
