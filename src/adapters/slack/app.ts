// Building the Bolt app. Socket Mode when an app-level token is set (no public URL needed: the
// default for self-hosting); otherwise HTTP mode, where Bolt's HTTPReceiver checks each request's
// signature and refuses stale timestamps. The receivers are built here rather than by App so
// that stopping can wait for the socket to close.
import { App, HTTPReceiver, SocketModeReceiver, webApi, type Logger } from '@slack/bolt';
import type { SlackConfig } from './config.ts';

export interface SlackIdentity {
  botId: string;
  botUserId: string;
  team?: string;
}

export type SlackApp =
  | { mode: 'socket'; app: App; receiver: SocketModeReceiver }
  | { mode: 'http'; app: App; receiver: HTTPReceiver };

/** The Web API base with the trailing slash the client needs; undefined means slack.com. */
export function slackApiUrl(config: SlackConfig): string | undefined {
  if (!config.apiUrl) return undefined;
  return config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/`;
}

/**
 * Checks the bot token once, before anything listens, and fails fast with Slack's error code
 * (invalid_auth, ...). Bolt would otherwise call auth.test from its constructor, where a
 * failure surfaces later as an unhandled rejection, and with retries for half an hour.
 */
export async function verifyBotToken(config: SlackConfig, logger: Logger): Promise<SlackIdentity> {
  const client = slackWebClient(config, logger, { retries: 2, factor: 2, minTimeout: 500 });
  const result = await client.auth.test();
  if (!result.bot_id || !result.user_id) throw new Error('auth.test did not name a bot: SLACK_BOT_TOKEN must be a bot token (xoxb-...)');
  return { botId: result.bot_id, botUserId: result.user_id, team: result.team };
}

/** A Web API client of our own, with a retry policy fit for its one job (the app's client retries for about 30 minutes). */
export function slackWebClient(config: SlackConfig, logger: Logger, retryConfig: webApi.RetryOptions, rejectRateLimitedCalls = false): webApi.WebClient {
  return new webApi.WebClient(config.botToken, { slackApiUrl: slackApiUrl(config), logger, retryConfig, rejectRateLimitedCalls });
}

export function createSlackApp(config: SlackConfig, identity: SlackIdentity, logger: Logger): SlackApp {
  // Each client gets its own options object: the Socket Mode client writes into it.
  const clientOptions = () => ({ slackApiUrl: slackApiUrl(config) });
  const common = {
    token: config.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    logger,
    clientOptions: clientOptions(),
    // No conversation state is kept; the store would only hold memory.
    convoStore: false as const,
  };
  if (config.appToken) {
    const receiver = new SocketModeReceiver({ appToken: config.appToken, logger, installerOptions: { clientOptions: clientOptions() } });
    return { mode: 'socket', app: new App({ ...common, receiver }), receiver };
  }
  if (!config.signingSecret) throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)');
  const receiver = new HTTPReceiver({ signingSecret: config.signingSecret, port: config.port, endpoints: '/slack/events', logger });
  return { mode: 'http', app: new App({ ...common, receiver }), receiver };
}
