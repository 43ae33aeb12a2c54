// The Slack adapter: check the token, build the app, register the commands of the registry,
// start it, and hand back a handle that stops it cleanly, with a poster for the daily digest.
// One call from the platform runner:
//   const slack = await startSlack(bot, config);   ...   await slack.stop();
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { App, LogLevel } from '@slack/bolt';
import type { Bot } from '../../core/bot.ts';
import type { RunningPlatform } from '../platform.ts';
import { slackAdminCheck } from './admins.ts';
import { createSlackApp, slackWebClient, verifyAppToken, verifyBotToken } from './app.ts';
import { registerCommands } from './commands.ts';
import type { SlackConfig } from './config.ts';
import { describeSlackError } from './errors.ts';
import { InFlight } from '../in-flight.ts';
import { createSlackLogger, type LogSink } from './log.ts';
import { slackDigestClient, slackDigestPoster } from './poster.ts';

/** How long stop() waits for answers already under way, and for the socket to close. */
const STOP_GRACE_MS = 3000;

export interface StartSlackOptions {
  /** Where log lines go (stderr by default); tests capture them. */
  logSink?: LogSink;
  logLevel?: LogLevel;
  /** Socket Mode: give up when the socket is not ready after this long (ms). Default 30 s. */
  connectTimeoutMs?: number;
}

const CONNECT_TIMEOUT_MS = 30_000;

export interface RunningSlack extends RunningPlatform {
  app: App;
  mode: 'socket' | 'http';
  /** The port HTTP mode listens on (the real one when asked for port 0). */
  port?: number;
}

export async function startSlack(bot: Bot, config: SlackConfig, options: StartSlackOptions = {}): Promise<RunningSlack> {
  const logger = createSlackLogger([config.botToken, config.appToken ?? '', config.signingSecret ?? ''], options.logSink, options.logLevel);
  const identity = await verifyBotToken(config, logger).catch((err: unknown) => {
    throw new Error(`Slack did not accept SLACK_BOT_TOKEN (${describeSlackError(err).error})`);
  });
  const built = createSlackApp(config, identity, logger);
  const { app } = built;
  const inFlight = new InFlight();
  // users.info may be retried a little (it changes nothing); the asker is waiting.
  const isAdmin = slackAdminCheck(slackWebClient(config, logger, { retries: 2, factor: 2, minTimeout: 500 }), config.admins, logger);
  registerCommands(app, bot, inFlight, { isAdmin, reviewers: config.reviewers ?? [] });
  app.error(async (error) => {
    logger.error(`unhandled error (${describeSlackError(error).error}): ${error.message}`);
  });

  let port: number | undefined;
  if (built.mode === 'http') {
    const server = (await app.start(config.port)) as Server;
    port = (server.address() as AddressInfo).port;
    logger.info(`HTTP mode: listening on :${port}/slack/events${identity.team ? ` for ${identity.team}` : ''}`);
  } else {
    // A token Slack refuses fails here, at once; the Socket Mode client would retry most refusals for ever.
    await verifyAppToken({ ...config, appToken: config.appToken! }, logger);
    const timeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    const started = app.start().then(
      () => 'started' as const,
      (err: unknown) => {
        // invalid_auth, account_inactive, ... (the ones the client itself treats as fatal)
        throw new Error(`Slack Socket Mode did not start with SLACK_APP_TOKEN (${describeSlackError(err).error})`);
      },
    );
    if ((await withTimeout(started, timeoutMs)) !== 'started') {
      // Still retrying: stop it, so nothing keeps trying behind the caller's back.
      started.catch(() => undefined);
      await withTimeout(built.receiver.client.disconnect(), STOP_GRACE_MS).catch(() => undefined);
      throw new Error(`Slack Socket Mode did not connect within ${Math.round(timeoutMs / 1000)} s`);
    }
    logger.info(`Socket Mode: connected${identity.team ? ` to ${identity.team}` : ''}`);
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Stop taking new work first, then let the answers under way reach Slack.
      if (built.mode === 'http') await built.receiver.stop().catch(() => undefined);
      else await withTimeout(built.receiver.client.disconnect(), STOP_GRACE_MS).catch(() => undefined);
      await inFlight.drain(STOP_GRACE_MS);
      logger.info('stopped');
    })());
  return { name: 'slack', app, mode: built.mode, port, poster: slackDigestPoster(slackDigestClient(config, logger)), stop };
}

/** The promise's value, or undefined after ms; a rejection passes through. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), ms);
        timer.unref();
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
