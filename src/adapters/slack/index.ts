// The Slack adapter: check the token, build the app, register the commands of the registry,
// start it, and hand back a handle that stops it cleanly, with a poster for the daily digest.
// One call from the platform runner:
//   const slack = await startSlack(bot, config);   ...   await slack.stop();
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { App, Logger, LogLevel } from '@slack/bolt';
import type { Bot } from '../../core/bot.ts';
import type { DigestPoster } from '../../digest/poster.ts';
import type { DigestStore, FollowStore, InstallationStore } from '../../store/storage.ts';
import type { RunningPlatform } from '../platform.ts';
import { slackAdminCheck } from './admins.ts';
import { createSlackApp, createSlackOAuthApp, slackWebClient, verifyAppToken, verifyBotToken, type SlackApp } from './app.ts';
import { registerCommands } from './commands.ts';
import { SLACK_INSTALL_PATH, type SlackConfig } from './config.ts';
import { describeSlackError } from './errors.ts';
import { InFlight } from '../in-flight.ts';
import { NotInstalledError, SlackInstallations } from './installations.ts';
import { createSlackLogger, type LogSink } from './log.ts';
import { slackDigestClient, slackDigestPoster, workspaceClients } from './poster.ts';
import { registerUninstall } from './uninstall.ts';

/** How long stop() waits for answers already under way, and for the socket to close. */
const STOP_GRACE_MS = 3000;

export interface StartSlackOptions {
  /** Where log lines go (stderr by default); tests capture them. */
  logSink?: LogSink;
  logLevel?: LogLevel;
  /** Socket Mode: give up when the socket is not ready after this long (ms). Default 30 s. */
  connectTimeoutMs?: number;
  /**
   * The state store (given by the platform runner): public distribution keeps each workspace's
   * installation in it, and reads the workspace of a subscription or alert channel from it.
   */
  storage?: InstallationStore & DigestStore & FollowStore;
}

const CONNECT_TIMEOUT_MS = 30_000;

export interface RunningSlack extends RunningPlatform {
  app: App;
  mode: 'socket' | 'http';
  /** The port HTTP mode listens on (the real one when asked for port 0). */
  port?: number;
}

export async function startSlack(bot: Bot, config: SlackConfig, options: StartSlackOptions = {}): Promise<RunningSlack> {
  if (config.oauth) return startPublicSlack(bot, { ...config, oauth: config.oauth }, options);
  if (!config.botToken) throw new Error('Slack needs SLACK_BOT_TOKEN, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for public distribution');
  const logger = createSlackLogger([config.botToken, config.appToken ?? '', config.signingSecret ?? ''], options.logSink, options.logLevel);
  const identity = await verifyBotToken(config, logger).catch((err: unknown) => {
    throw new Error(`Slack did not accept SLACK_BOT_TOKEN (${describeSlackError(err).error})`);
  });
  const built = createSlackApp(config, identity, logger);
  const { app } = built;
  const inFlight = new InFlight();
  // users.info may be retried a little (it changes nothing); the asker is waiting.
  const isAdmin = slackAdminCheck(slackWebClient(config, logger, ADMIN_CHECK_RETRIES), config.admins, logger);
  const people = { isAdmin, reviewers: config.reviewers ?? [] };
  registerCommands(app, bot, inFlight, () => people);
  app.error(async (error) => {
    logger.error(`unhandled error (${describeSlackError(error).error}): ${error.message}`);
  });
  const digestClient = slackDigestClient(config, logger);
  return listen(built, config, identity.team, logger, inFlight, options, slackDigestPoster(async () => digestClient));
}

const ADMIN_CHECK_RETRIES = { retries: 2, factor: 2, minTimeout: 500 };

/**
 * Public distribution (docs/slack.md, "Public distribution"): any workspace installs the app
 * through /slack/install, and each request, post and admin check uses that workspace's own bot
 * token from its installation in the storage.
 */
async function startPublicSlack(bot: Bot, config: SlackConfig & { oauth: NonNullable<SlackConfig['oauth']> }, options: StartSlackOptions): Promise<RunningSlack> {
  const { storage } = options;
  if (!storage) throw new Error('Slack public distribution keeps installations in the state store, and none was given');
  if (!config.signingSecret) throw new Error('Slack public distribution needs SLACK_SIGNING_SECRET (HTTP mode)');
  const secrets = [config.signingSecret, config.oauth.clientId, config.oauth.clientSecret, config.oauth.stateSecret];
  // Bolt logs a warning of its own for each request from a workspace without an installation;
  // installations.ts logs a clearer line once per workspace instead.
  const logger = createSlackLogger(secrets, options.logSink, options.logLevel, [/^Authorization of incoming event did not succeed/]);
  const installations = new SlackInstallations(storage, logger);
  const built = createSlackOAuthApp({ ...config, signingSecret: config.signingSecret }, installations, logger);
  const { app } = built;
  const inFlight = new InFlight();
  registerCommands(app, bot, inFlight, (context) => ({
    isAdmin: slackAdminCheck(() => slackWebClient({ ...config, botToken: context.botToken }, logger, ADMIN_CHECK_RETRIES), config.admins, logger),
    reviewers: config.reviewers ?? [],
  }));
  registerUninstall(app, installations, storage);
  app.error(async (error) => {
    // A request from a workspace without an installation: already logged (once) where it was found.
    if (notInstalled(error)) return;
    logger.error(`unhandled error (${describeSlackError(error).error}): ${error.message}`);
  });
  const poster = slackDigestPoster(workspaceClients(config, logger, installations, storage), { perWorkspace: true });
  return listen(built, config, undefined, logger, inFlight, options, poster);
}

/** Whether an error is, underneath Bolt's and the OAuth package's wrappers, a NotInstalledError. */
function notInstalled(error: unknown): boolean {
  let e = error as { original?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (e instanceof NotInstalledError) return true;
    e = (e.original ?? e.cause) as typeof e;
  }
  return false;
}

/** Starts the receiver (HTTP, or the socket within its time limit) and hands back the running platform. */
async function listen(built: SlackApp, config: SlackConfig, team: string | undefined, logger: Logger, inFlight: InFlight, options: StartSlackOptions, poster: DigestPoster): Promise<RunningSlack> {
  const { app } = built;
  let port: number | undefined;
  if (built.mode === 'http') {
    const server = (await app.start(config.port)) as Server;
    port = (server.address() as AddressInfo).port;
    const install = config.oauth ? `, installs at :${port}${SLACK_INSTALL_PATH}` : '';
    logger.info(`HTTP mode: listening on :${port}/slack/events${team ? ` for ${team}` : ''}${install}`);
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
    logger.info(`Socket Mode: connected${team ? ` to ${team}` : ''}`);
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
  return { name: 'slack', app, mode: built.mode, port, poster, stop };
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
