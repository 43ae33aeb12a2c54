// Building the Bolt app. Socket Mode when an app-level token is set (no public URL needed: the
// default for self-hosting); otherwise HTTP mode, where Bolt's HTTPReceiver checks each request's
// signature and refuses stale timestamps, and request-guard.ts, in front of it, refuses
// timestamps from the future and replays. The receivers are built here rather than by App so
// that stopping can wait for the socket to close.
import { App, HTTPReceiver, SocketModeReceiver, webApi, type Logger } from '@slack/bolt';
import { SLACK_INSTALL_PATH, SLACK_REDIRECT_PATH, type SlackConfig } from './config.ts';
import { describeSlackError } from './errors.ts';
import type { SlackInstallations } from './installations.ts';
import { SLACK_BOT_SCOPES } from './manifest.ts';
import { installFailurePage, installSuccessPage } from './oauth-pages.ts';
import { guardRequests } from './request-guard.ts';

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

/** Answers to apps.connections.open worth waiting out: Slack's own trouble, not the token's. */
const SLACK_BUSY = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'request_failed', 'http_500', 'http_502', 'http_503', 'http_504']);

/**
 * Checks the app-level token once, before Socket Mode starts. The Socket Mode client treats
 * only a few answers as fatal (invalid_auth, account_inactive, …) and retries the others for
 * ever, not_allowed_token_type (a bot token given as the app token), missing_scope (no
 * connections:write) and token_revoked among them, so a start with such a token would hang.
 * Here any answer but Slack being busy ends the start, with Slack's code.
 */
export async function verifyAppToken(config: SlackConfig & { appToken: string }, logger: Logger): Promise<void> {
  const client = new webApi.WebClient(config.appToken, { slackApiUrl: slackApiUrl(config), logger, retryConfig: { retries: 2, factor: 2, minTimeout: 500 } });
  try {
    await client.apps.connections.open({});
  } catch (err) {
    const { error } = describeSlackError(err);
    if (SLACK_BUSY.has(error)) return; // the Socket Mode client waits this out itself, within the start's time limit
    const hint = error === 'not_allowed_token_type' || error === 'missing_scope' ? ': it must be an app-level token (xapp-…) with the connections:write scope' : '';
    throw new Error(`Slack did not accept SLACK_APP_TOKEN (${error})${hint}`);
  }
}

/** A Web API client of our own, with a retry policy fit for its one job (the app's client retries for about 30 minutes). */
export function slackWebClient(config: SlackConfig, logger: Logger, retryConfig: webApi.RetryOptions, rejectRateLimitedCalls = false): webApi.WebClient {
  return new webApi.WebClient(config.botToken, { slackApiUrl: slackApiUrl(config), logger, retryConfig, rejectRateLimitedCalls });
}

/**
 * Public distribution: HTTP mode with Bolt's OAuth. The receiver serves /slack/install (a
 * redirect to Slack's consent page, with the state in a signed cookie) and
 * /slack/oauth_redirect (state checked against the cookie and its signature, the code exchanged
 * with oauth.v2.access, the installation saved); Bolt's authorize() then reads each request's
 * workspace installation, so every call runs with that workspace's token.
 */
export function createSlackOAuthApp(config: SlackConfig & { oauth: NonNullable<SlackConfig['oauth']>; signingSecret: string }, installations: SlackInstallations, logger: Logger): SlackApp & { mode: 'http' } {
  const { oauth } = config;
  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret,
    port: config.port,
    endpoints: '/slack/events',
    logger,
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...SLACK_BOT_SCOPES],
    redirectUri: oauth.redirectUri,
    installationStore: installations.boltStore(),
    installerOptions: {
      installPath: SLACK_INSTALL_PATH,
      redirectUriPath: SLACK_REDIRECT_PATH,
      // "Add to Slack" links straight to Slack's consent page; the state cookie is set on the way.
      directInstall: true,
      stateVerification: true,
      clientOptions: { slackApiUrl: slackApiUrl(config) },
      callbackOptions: { success: installSuccessPage, failure: installFailurePage },
    },
  });
  receiver.requestListener = guardRequests(receiver.requestListener, { signingSecret: config.signingSecret, endpoints: ['/slack/events'], logger });
  const app = new App({ receiver, logger, clientOptions: { slackApiUrl: slackApiUrl(config) }, convoStore: false });
  return { mode: 'http', app, receiver };
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
  // Before Bolt: refuse timestamps from the future and replays (request-guard.ts says why).
  receiver.requestListener = guardRequests(receiver.requestListener, { signingSecret: config.signingSecret, endpoints: ['/slack/events'], logger });
  return { mode: 'http', app: new App({ ...common, receiver }), receiver };
}
