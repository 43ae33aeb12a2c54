// Configuration comes only from the environment (dotenv fills it from a local .env first).
// Secrets are kept out of anything printable: describe() names what is set, never the value.
import { isValidTimeZone } from './i18n/time.ts';
import type { Lang } from './i18n/lang.ts';

export interface Config {
  defaultLang: Lang;
  timeZone: string;
  stateDir?: string;
  discord?: { token: string; applicationId?: string; guildId?: string; apiUrl?: string };
  slack?: { botToken: string; appToken?: string; signingSecret?: string; apiUrl?: string; port: number; admins: string[] };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function value(env: NodeJS.ProcessEnv, key: string): string | undefined {
  const v = env[key]?.trim();
  return v ? v : undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const lang = (value(env, 'DEFAULT_LANG') ?? 'en').toLowerCase();
  if (lang !== 'en' && lang !== 'ur') throw new ConfigError(`DEFAULT_LANG must be "en" or "ur", not "${lang}"`);
  const timeZone = value(env, 'DIGEST_TZ') ?? 'Asia/Karachi';
  if (!isValidTimeZone(timeZone)) throw new ConfigError(`DIGEST_TZ "${timeZone}" is not a time zone (use an IANA name like Asia/Karachi)`);
  const config: Config = { defaultLang: lang, timeZone, stateDir: value(env, 'ILZAM_STATE_DIR') };
  const discordToken = value(env, 'DISCORD_TOKEN');
  if (discordToken) {
    config.discord = {
      token: discordToken,
      applicationId: value(env, 'DISCORD_APPLICATION_ID'),
      guildId: value(env, 'DISCORD_GUILD_ID'),
      apiUrl: value(env, 'DISCORD_API_URL'),
    };
  }
  const slackToken = value(env, 'SLACK_BOT_TOKEN');
  if (slackToken) {
    const port = Number(value(env, 'PORT') ?? 3000);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not "${env.PORT}"`);
    const appToken = value(env, 'SLACK_APP_TOKEN');
    const signingSecret = value(env, 'SLACK_SIGNING_SECRET');
    if (!appToken && !signingSecret) throw new ConfigError('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)');
    config.slack = {
      botToken: slackToken,
      appToken,
      signingSecret,
      apiUrl: value(env, 'SLACK_API_URL'),
      port,
      admins: (value(env, 'SLACK_DIGEST_ADMINS') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    };
  }
  return config;
}

/** What is configured, safe to log: no token or secret values. */
export function describeConfig(config: Config): string {
  const parts = [`lang=${config.defaultLang}`, `zone=${config.timeZone}`];
  if (config.discord) parts.push(`discord=on${config.discord.apiUrl ? ' (custom API URL)' : ''}`);
  if (config.slack) parts.push(`slack=${config.slack.appToken ? 'socket mode' : `http :${config.slack.port}`}`);
  if (!config.discord && !config.slack) parts.push('console');
  return parts.join(', ');
}
