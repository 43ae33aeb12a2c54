// The Discord adapter: a discord.js client that answers every slash command of the registry,
// and its autocomplete, through the Bot, and hands back a poster for the digest scheduler.
// The adapter's own job is Discord's: who the caller is (Manage Server, roles), deferring
// in time, and rendering within Discord's limits. Commands are
// registered separately (npm run deploy:discord), never here: Discord limits how often
// commands may be created.
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Status, type Interaction } from 'discord.js';
import type { Bot } from '../../core/bot.ts';
import { InFlight } from '../in-flight.ts';
import type { RunningPlatform } from '../platform.ts';
import { answerAutocomplete, choicesFor } from './autocomplete.ts';
import { commandInput, discordCaller, type DiscordRoles } from './commands.ts';
import type { DiscordConfig } from './config.ts';
import { makeLog, redact, type Log, type Logger } from './log.ts';
import { discordDigestPoster } from './poster.ts';
import { AnswerLoad, answerCommand, DEFER_AFTER_MS } from './respond.ts';
import { restApiBase } from './rest.ts';
import { heldShards, shardOptions, shardOwnership } from './sharding.ts';

export interface DiscordOptions {
  /** Defer a slash command whose answer is not ready after this long (ms). */
  deferAfterMs?: number;
  /** Give up starting when the gateway has not said READY after this long (ms). */
  readyTimeoutMs?: number;
  /** Where log lines go (already redacted); the process's logger by default. */
  logger?: Logger;
}

export interface RunningDiscord extends RunningPlatform {
  client: Client;
}

/** How long stop() waits for answers in flight before closing the connection anyway. */
const STOP_GRACE_MS = 3000;

export async function startDiscord(bot: Bot, config: DiscordConfig, options: DiscordOptions = {}): Promise<RunningDiscord> {
  const log = makeLog(options.logger, [config.token]);
  let stopping = false;
  const client = new Client({
    // Slash commands arrive without any privileged intent; Guilds keeps channel data usable.
    intents: [GatewayIntentBits.Guilds],
    // The default for anything sent through this client; each reply sets it too.
    allowedMentions: { parse: [] },
    // discord.js's internal sharding (DISCORD_SHARDS / DISCORD_SHARD_IDS): one connection per shard.
    ...shardOptions(config.shards),
    ...(config.apiUrl ? { rest: { api: restApiBase(config.apiUrl) } } : {}),
  });
  // Without an 'error' listener an EventEmitter error would crash the process.
  client.on(Events.Error, (err) => log('client error', err));
  client.on(Events.Warn, (message) => log.warn(`warning: ${message}`));
  // Which connection, when there are several (sharding).
  const onShard = (id: number) => (config.shards ? ` (shard ${id})` : '');
  client.on(Events.ShardError, (err, id) => log.warn(`gateway error${onShard(id)} (discord.js reconnects by itself)`, err));
  client.on(Events.ShardReconnecting, (id) => {
    if (!stopping) log.warn(`gateway connection lost${onShard(id)}; reconnecting`);
  });
  client.on(Events.ShardResume, (id) => log(`gateway connection resumed${onShard(id)}`));
  client.on(Events.Invalidated, () => log.warn('the gateway session was invalidated; the client has stopped'));
  client.rest.on('rateLimited', (info) => log.warn(`rate limited on ${info.method.toUpperCase()} ${info.route}, retrying in ${info.retryAfter} ms`));
  // discord.js's own debug lines (gateway, REST), only when LOG_LEVEL=debug asks for them.
  if (log.debugEnabled()) {
    client.on(Events.Debug, (message) => log.debug(message));
    client.rest.on('restDebug', (message) => log.debug(`rest: ${message}`));
  }

  const inFlight = new InFlight();
  const load = new AnswerLoad();
  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return;
    void inFlight.run(() => handleInteraction(bot, interaction, log, { deferAfterMs: options.deferAfterMs ?? DEFER_AFTER_MS, load }, config).catch((err: unknown) => log('an interaction failed', err)));
  });

  await login(client, config.token, options.readyTimeoutMs ?? 60_000, log);
  // Known once connected: with 'auto', discord.js asked Discord how many shards to run.
  const shards = heldShards(client);
  const owns = shardOwnership(shards);
  log(`connected as ${client.user?.tag ?? 'unknown'}${config.shards ? `; shards ${shards.ids.join(',')} of ${shards.count}` : ''}`);

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      await inFlight.drain(STOP_GRACE_MS);
      await client.destroy();
      log('disconnected');
    })());
  return { name: 'discord', client, poster: discordDigestPoster(client.rest, owns), connected: () => allShardsReady(client), stop };
}

/** Every gateway connection up: the client stays "ready" after one shard of several drops for good. */
function allShardsReady(client: Client): boolean {
  return client.isReady() && client.ws.shards.every((shard) => shard.status === Status.Ready);
}

async function login(client: Client, token: string, timeoutMs: number, log: Log): Promise<void> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    await Promise.all([client.login(token), once(client, Events.ClientReady, { signal: controller.signal })]);
  } catch (err) {
    log('could not connect', err);
    await client.destroy().catch(() => undefined);
    const reason = timedOut ? `not ready within ${timeoutMs} ms` : err instanceof Error ? err.message : String(err);
    throw new Error(redact(`Discord login failed: ${reason}`, [token]));
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

async function handleInteraction(bot: Bot, interaction: Interaction, log: Log, timing: { deferAfterMs: number; load: AnswerLoad }, roles: DiscordRoles): Promise<void> {
  if (interaction.isAutocomplete()) {
    await answerAutocomplete(interaction, () => choicesFor(bot, interaction.commandName, interaction.options.data), log);
    return;
  }
  if (!interaction.isChatInputCommand()) return;
  const command = bot.commands.find(interaction.commandName);
  const input = commandInput(command, interaction.options.data);
  const caller = discordCaller(interaction, roles);
  await answerCommand(interaction, () => bot.run(command ?? interaction.commandName, input, caller), { ...timing, private: command?.private, lang: bot.config.defaultLang, log });
}
