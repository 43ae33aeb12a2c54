// Slack's settings, read from the environment. Loaded by npm start before any platform
// library, so it imports none: a console or Discord-only run never loads Bolt.
import { ConfigError, envValue, idListValue, secretValue, shown, urlValue } from '../../config.ts';

export interface SlackConfig {
  botToken: string;
  appToken?: string;
  signingSecret?: string;
  apiUrl?: string;
  port: number;
  /** User ids who may manage the digest and follows besides workspace admins (SLACK_DIGEST_ADMINS). */
  admins: string[];
  /** User ids who may review drafts (SLACK_REVIEWERS); workspace admins may too. */
  reviewers?: string[];
}

/** The Slack settings, or undefined when SLACK_BOT_TOKEN is not set. Throws ConfigError on a value that cannot work. */
export function readSlackConfig(env: NodeJS.ProcessEnv): SlackConfig | undefined {
  const botToken = secretValue(env, 'SLACK_BOT_TOKEN');
  const appToken = secretValue(env, 'SLACK_APP_TOKEN');
  const signingSecret = secretValue(env, 'SLACK_SIGNING_SECRET');
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
  const rawPort = envValue(env, 'PORT') ?? '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) throw new ConfigError(`PORT must be a port number, not "${shown(rawPort, 20)}"`);
  return {
    botToken,
    appToken,
    signingSecret,
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
  return `slack=${config.appToken ? 'socket mode' : `http :${config.port}`}`;
}

