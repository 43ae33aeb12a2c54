// What every platform folder provides, so startup can treat them alike: one entry in
// src/app/platforms.ts per platform. The entry's config reader imports no platform library;
// start() loads the adapter (and discord.js or Bolt) only when the platform is configured.
import type { Bot } from '../core/bot.ts';
import type { DigestPoster } from '../digest/poster.ts';

export interface RunningPlatform {
  name: string;
  /** Posts the daily digest and alerts through this platform. */
  poster: DigestPoster;
  /** Connected now (for the health endpoint); absent means it cannot tell. */
  connected?(): boolean;
  stop(): Promise<void>;
}

export interface Platform<Config, Options = unknown> {
  /** As subscriptions record it: "discord", "slack". */
  name: string;
  /** The platform's settings, or undefined when it is not configured. Throws ConfigError when a value cannot work. */
  readConfig(env: NodeJS.ProcessEnv): Config | undefined;
  /** What is configured, safe to log: never a token. */
  describe(config: Config): string;
  /** Connects; rejects with a one-line message when it cannot. */
  start(bot: Bot, config: Config, options?: Options): Promise<RunningPlatform>;
}

/** A platform of any settings type, as the startup list holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPlatform = Platform<any, any>;
