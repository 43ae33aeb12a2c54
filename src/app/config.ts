// The app's configuration: the one list of chat platforms and every setting read at start-up.
// Light on purpose: the console path (npm start with no platform) reads it, so it loads no
// platform library and no feed or HTML parser; each platform's library is loaded by its
// start() only when that platform is configured.
//
// Adding a platform: one folder under src/adapters/ (index, config, commands, render, poster,
// log, platform) whose platform.ts exports its entry, and one line in PLATFORMS.
import { discordPlatform } from '../adapters/discord/platform.ts';
import type { AnyPlatform } from '../adapters/platform.ts';
import { slackPlatform } from '../adapters/slack/platform.ts';
import { ConfigError, DEFAULT_ALERTS_PER_HOUR, readCoreConfig, safeUrl, type CoreConfig } from '../config.ts';
import { readIngestConfig, type IngestConfig } from '../ingest/config.ts';

export const PLATFORMS: readonly AnyPlatform[] = [discordPlatform, slackPlatform];

export interface AppConfig extends CoreConfig {
  /** The settings of each configured platform, by name. */
  platforms: Record<string, unknown>;
  /** INGEST=1: fetch sources and draft claims for review on a schedule. */
  ingest?: IngestConfig;
  /** HEALTH_PORT: serve GET /healthz there. */
  healthPort?: number;
}

/** The bot's and every platform's configuration; ConfigError names what to fix. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const platforms: Record<string, unknown> = {};
  for (const platform of PLATFORMS) {
    const config = platform.readConfig(env);
    if (config !== undefined) platforms[platform.name] = config;
  }
  let ingest: IngestConfig;
  try {
    ingest = readIngestConfig(env);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const rawHealth = env.HEALTH_PORT?.trim();
  const healthPort = rawHealth ? Number(rawHealth) : undefined;
  if (rawHealth && (!/^\d+$/.test(rawHealth) || healthPort! > 65535)) throw new ConfigError(`HEALTH_PORT must be a port number, not "${rawHealth.slice(0, 20)}"`);
  return { ...readCoreConfig(env), platforms, ingest, healthPort };
}

/** What is configured, safe to log: no token or secret values. */
export function describeConfig(config: AppConfig): string {
  const parts = [`lang=${config.defaultLang}`, `zone=${config.timeZone}`];
  if (Object.keys(config.platforms).length) parts.push(`state=${config.databaseUrl ? safeUrl(config.databaseUrl) : (config.stateDir ?? './var')}`, `alerts=${config.alertsPerHour ?? DEFAULT_ALERTS_PER_HOUR}/h`);
  for (const platform of PLATFORMS) if (config.platforms[platform.name] !== undefined) parts.push(platform.describe(config.platforms[platform.name]));
  if (!Object.keys(config.platforms).length) parts.push('console');
  return parts.join(', ');
}
