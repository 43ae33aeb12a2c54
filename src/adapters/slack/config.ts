// Slack's settings, read from the environment. Loaded by npm start before any platform
// library, so it imports none: a console or Discord-only run never loads Bolt.
import { ConfigError, envValue, idListValue, secretValue, shown, urlValue } from '../../config.ts';

export interface SlackConfig {
  /** One workspace (SLACK_BOT_TOKEN). Absent in public distribution, where each workspace's token comes from its installation. */
  botToken?: string;
  /** Public distribution to many workspaces (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET): HTTP mode with Bolt's OAuth. */
  oauth?: SlackOAuthConfig;
  appToken?: string;
  signingSecret?: string;
  apiUrl?: string;
  port: number;
  /** User ids who may manage the digest and follows besides workspace admins (SLACK_DIGEST_ADMINS). */
  admins: string[];
  /** User ids who may review drafts (SLACK_REVIEWERS); workspace admins may too. */
  reviewers?: string[];
}

export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth state (Bolt's state store), so a forged or replayed install callback is refused. */
  stateSecret: string;
  /** SLACK_REDIRECT_URI: the public https URL of /slack/oauth_redirect; optional when the app has one Redirect URL. */
  redirectUri?: string;
}

/** The OAuth variables; set together, and only without SLACK_BOT_TOKEN. */
const OAUTH_VARS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
/** Where Bolt serves the install flow; a SLACK_REDIRECT_URI must end in the second. */
export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_REDIRECT_PATH = '/slack/oauth_redirect';

/** The Slack settings, or undefined when Slack is not configured. Throws ConfigError on a value that cannot work. */
export function readSlackConfig(env: NodeJS.ProcessEnv): SlackConfig | undefined {
  const botToken = secretValue(env, 'SLACK_BOT_TOKEN');
  const appToken = secretValue(env, 'SLACK_APP_TOKEN');
  const signingSecret = secretValue(env, 'SLACK_SIGNING_SECRET');
  const oauthSet = OAUTH_VARS.filter((key) => secretValue(env, key) !== undefined);
  if (oauthSet.length) {
    // Two ways to get a token at once would leave it unclear which workspace a post goes to.
    if (botToken) throw new ConfigError(`${oauthSet.join(', ')} and SLACK_BOT_TOKEN are both set: use SLACK_BOT_TOKEN for one workspace, or ${OAUTH_VARS.join(', ')} for public distribution, not both`);
    return readOAuthConfig(env, signingSecret, appToken);
  }
  if (!botToken) {
    // Half a configuration is a mistake, not "Slack is off".
    const half = appToken ? 'SLACK_APP_TOKEN' : signingSecret ? 'SLACK_SIGNING_SECRET' : undefined;
    if (half) throw new ConfigError(`${half} is set but SLACK_BOT_TOKEN is empty; Slack needs both (or neither)`);
    return undefined;
  }
  // A token given in the wrong variable would otherwise fail late, or hang (Socket Mode with a bot token).
  if (!botToken.startsWith('xoxb-')) throw new ConfigError(`SLACK_BOT_TOKEN must be a bot token (xoxb-…), not ${tokenKind(botToken)}`);
  if (appToken && !appToken.startsWith('xapp-')) throw new ConfigError(`SLACK_APP_TOKEN must be an app-level token (xapp-…) for Socket Mode, not ${tokenKind(appToken)}`);
  if (signingSecret && !/^\S{8,}$/.test(signingSecret)) throw new ConfigError('SLACK_SIGNING_SECRET must be the signing secret from the app’s Basic Information page');
  if (!appToken && !signingSecret) throw new ConfigError('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)');
  return { botToken, appToken, signingSecret, ...commonSettings(env) };
}

/** Public distribution: HTTP mode only (Slack redirects browsers to the install paths), with the signing secret. */
function readOAuthConfig(env: NodeJS.ProcessEnv, signingSecret: string | undefined, appToken: string | undefined): SlackConfig {
  const missing = OAUTH_VARS.filter((key) => secretValue(env, key) === undefined);
  if (missing.length) throw new ConfigError(`Slack public distribution needs ${OAUTH_VARS.join(', ')}; ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set`);
  if (appToken) throw new ConfigError('SLACK_APP_TOKEN is for one workspace in Socket Mode; public distribution (SLACK_CLIENT_ID …) runs in HTTP mode with SLACK_SIGNING_SECRET');
  if (!signingSecret) throw new ConfigError('Slack public distribution needs SLACK_SIGNING_SECRET (HTTP mode)');
  if (!/^\S{8,}$/.test(signingSecret)) throw new ConfigError('SLACK_SIGNING_SECRET must be the signing secret from the app’s Basic Information page');
  const stateSecret = secretValue(env, 'SLACK_STATE_SECRET')!;
  if (stateSecret.length < 16) throw new ConfigError('SLACK_STATE_SECRET must be at least 16 characters of random text (for example: openssl rand -hex 32)');
  const redirectUri = urlValue(env, 'SLACK_REDIRECT_URI', `https://bot.example.org${SLACK_REDIRECT_PATH}`);
  if (redirectUri && new URL(redirectUri).pathname !== SLACK_REDIRECT_PATH) throw new ConfigError(`SLACK_REDIRECT_URI must end in ${SLACK_REDIRECT_PATH}, where ilzam takes Slack's redirect`);
  return {
    oauth: { clientId: secretValue(env, 'SLACK_CLIENT_ID')!, clientSecret: secretValue(env, 'SLACK_CLIENT_SECRET')!, stateSecret, redirectUri },
    signingSecret,
    ...commonSettings(env),
  };
}

function commonSettings(env: NodeJS.ProcessEnv): Pick<SlackConfig, 'apiUrl' | 'port' | 'admins' | 'reviewers'> {
  const rawPort = envValue(env, 'PORT') ?? '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) throw new ConfigError(`PORT must be a port number, not "${shown(rawPort, 20)}"`);
  return {
    apiUrl: urlValue(env, 'SLACK_API_URL', 'https://slack.com/api/', ' (the Web API client cannot send them)'),
    port,
    admins: idListValue(env, 'SLACK_DIGEST_ADMINS', SLACK_USER_ID, 'a Slack user id (U… or W…)'),
    reviewers: idListValue(env, 'SLACK_REVIEWERS', SLACK_USER_ID, 'a Slack user id (U… or W…)'),
  };
}

/** Slack user ids: U… (or W… in Enterprise Grid), capital letters and digits. */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** What kind of token a value looks like, for the error message (never the value). */
function tokenKind(token: string): string {
  if (token.startsWith('xoxb-')) return 'a bot token (xoxb-…)';
  if (token.startsWith('xapp-')) return 'an app-level token (xapp-…)';
  if (token.startsWith('xoxp-')) return 'a user token (xoxp-…)';
  return 'something else';
}

export function describeSlack(config: SlackConfig): string {
  if (config.oauth) return `slack=public distribution, http :${config.port}`;
  return `slack=${config.appToken ? 'socket mode' : `http :${config.port}`}`;
}

