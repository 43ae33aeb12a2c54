// A small fake of Discord on 127.0.0.1 for driving the real discord.js client end to end:
// REST under /api/v10 and a WebSocket gateway on the same port. It records every request,
// checks messages against Discord's limits (answering 400 like Discord when one is broken),
// injects slash commands and autocomplete over the gateway, and can make the next calls to a
// route fail with 500 or 429, or with a 403/404 and Discord's JSON error code (a channel the
// bot may not post in, or one that is gone). Messages posted to a channel are kept per
// channel, and a repeated nonce with enforce_nonce returns the first message, as Discord does.
// Sharding: GET /gateway/bot recommends `shards` (default 1); each gateway connection
// identifies as one shard [id, count], gets READY with the servers (`guilds`) on that shard,
// and receives the interactions of those servers only (a DM's go to shard 0), as at Discord.
// See ../../../shared/notes/platform-testing.md for what the
// client needs. Usage:
//   const fake = await DiscordFake.start({ token });
//   client: rest.api = fake.apiUrl; fake.slashCommand('incident', [{ name: 'query', value: 'x' }]);
//   const cb = await fake.callbackFor(id);  ...  await fake.close();
import { randomBytes } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export interface RecordedRequest {
  method: string;
  /** Decoded path without the /api/v10 prefix, e.g. /interactions/1/tok/callback. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: any;
  /** What the fake answered. */
  status: number;
  at: number;
}

export interface Failure {
  status: number;
  /** How many of the next matching calls fail. */
  times: number;
  /** For 429: seconds, sent as the retry-after header and retry_after in the body. */
  retryAfter?: number;
  /** Discord's JSON error code and message, e.g. 10003 "Unknown Channel", 50001 "Missing Access". */
  code?: number;
  message?: string;
}

/** A message the fake created in a channel (POST /channels/{id}/messages). */
export interface ChannelMessage {
  id: string;
  channelId: string;
  body: any;
  authorization: string | undefined;
}

/** How long a nonce is remembered for enforce_nonce ("a few minutes" at Discord). */
const NONCE_WINDOW_MS = 3 * 60_000;

export interface DiscordFakeOptions {
  token?: string;
  tooLate?: (interactionId: string, ageMs: number) => boolean;
  /** The clock the nonce window is measured on (default Date.now); a test with a simulated clock passes it. */
  now?: () => number;
  /** How long a nonce is remembered for enforce_nonce (default 3 min, Discord's "a few minutes"). */
  nonceWindowMs?: number;
  /** Holds back the answer to a request by this many real ms, after the fake has acted on it (a message is created). */
  responseDelayMs?: (request: RecordedRequest) => number;
}

export interface FakeOption {
  name: string;
  value?: string | number | boolean;
  /** Defaults: 3 (string); 5 for booleans, 4 for integers. */
  type?: number;
  focused?: boolean;
}

export interface SentInteraction {
  id: string;
  token: string;
}

export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  total: 6000,
  choices: 25,
  choiceText: 100,
} as const;

export interface GatewayOptions {
  /** The shard count GET /gateway/bot recommends (what `shards: 'auto'` runs). Default 1. */
  shards?: number;
  /**
   * session_start_limit.max_concurrency: how many shards may identify at once. Default 1, as
   * for most bots; then discord.js waits 5 s between identifies, so a test with several shards
   * passes their number to start quicker.
   */
  maxConcurrency?: number;
  /** Servers the bot is in: READY lists those of each shard, then GUILD_CREATE each. Default none. */
  guilds?: string[];
}

const DISCORD_EPOCH = 1420070400000n;
const API_PREFIX = '/api/v10';

type Route = { method: string; pattern: RegExp; failure: Failure };

export class DiscordFake {
  readonly applicationId = '1100000000000000001';
  readonly botUserId = '1100000000000000002';
  readonly guildId = '1100000000000000003';
  readonly channelId = '1100000000000000004';
  readonly userId = '1100000000000000005';

  readonly requests: RecordedRequest[] = [];
  /** Every IDENTIFY, with the shard it asked for ([0, 1] when it named none). */
  readonly identifies: { token: string; intents: number; shard: [number, number] }[] = [];
  /** What each message-sending request broke, by request (empty when none did). */
  readonly violations: { path: string; problems: string[] }[] = [];
  readonly commands = { global: [] as any[], guilds: new Map<string, any[]>() };
  /** Every message created in a channel, in order (a nonce re-sent with enforce_nonce adds none). */
  readonly channelMessages: ChannelMessage[] = [];
  private readonly nonces = new Map<string, { message: any; at: number }>();
  /** Each re-send of a known nonce with enforce_nonce, answered with the first message instead of a new one. */
  readonly nonceRepeats: { channelId: string; nonce: string; messageId: string }[] = [];

  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly failures: Route[] = [];
  private readonly waiters = new Set<{ match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }>();
  private readonly gatewayWaiters = new Set<() => void>();
  private readonly disconnectWaiters = new Set<() => void>();
  /** Each session and the shard it was opened for, so a RESUME comes back as the same shard. */
  private readonly sessions = new Map<string, [number, number]>();
  /** The shard each identified connection holds. */
  private readonly shardOf = new Map<WebSocket, [number, number]>();
  /** RESUME frames received: a client coming back after a dropped connection. */
  readonly resumes: string[] = [];
  /** Requests taken in (a channel message is already created) whose answer is held back by responseDelayMs. */
  readonly held = new Set<RecordedRequest>();
  private nowMs: () => number = Date.now;
  private nonceWindowMs = NONCE_WINDOW_MS;
  private responseDelayMs: DiscordFakeOptions['responseDelayMs'];
  private seq = 0;
  private idCounter = 0n;
  private port = 0;

  /** When each injected interaction was created, for the answer window. */
  private readonly createdAt = new Map<string, number>();

  private constructor(
    private readonly token?: string,
    /** Whether a first answer comes too late for Discord (3 s after the interaction); then 404 Unknown interaction. */
    private readonly tooLate?: (interactionId: string, ageMs: number) => boolean,
    private readonly gateway: GatewayOptions = {},
  ) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws) => this.onGateway(ws));
  }

  /**
   * With a token, authenticated routes and IDENTIFY require it (401 / close 4004 otherwise).
   * With tooLate, a first answer it calls late is refused as Discord refuses one after 3 s:
   * 404, code 10062 Unknown interaction. (A test may measure lateness in work done rather than
   * on the clock, so a slow machine does not decide the result.)
   */
  static async start(options: DiscordFakeOptions & GatewayOptions = {}): Promise<DiscordFake> {
    const fake = new DiscordFake(options.token, options.tooLate, { shards: options.shards, maxConcurrency: options.maxConcurrency, guilds: options.guilds });
    fake.nowMs = options.now ?? Date.now;
    fake.responseDelayMs = options.responseDelayMs;
    fake.nonceWindowMs = options.nonceWindowMs ?? NONCE_WINDOW_MS;
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** The REST base for discord.js (`rest.api`) and DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- failures and waiting ------------------------------------------------------------

  /** Makes the next `times` calls of method to a path matching pattern fail. */
  failNext(method: string, pattern: RegExp, failure: Failure): void {
    this.failures.push({ method: method.toUpperCase(), pattern, failure: { ...failure } });
  }

  /** The messages created in one channel. */
  messagesIn(channelId: string): ChannelMessage[] {
    return this.channelMessages.filter((m) => m.channelId === channelId);
  }

  /** The first recorded request (past or future) that matches. */
  waitFor(match: (r: RecordedRequest) => boolean, timeoutMs = 30_000, what = 'request'): Promise<RecordedRequest> {
    const done = this.requests.find(match);
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (r: RecordedRequest) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`discord fake: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The interaction callback the fake accepted for this interaction. */
  callbackFor(interaction: SentInteraction | string, timeoutMs?: number): Promise<RecordedRequest> {
    const id = typeof interaction === 'string' ? interaction : interaction.id;
    return this.waitFor((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`) && r.status < 300, timeoutMs, `callback for ${id}`);
  }

  /** Every attempt (failed or not) at the callback for this interaction. */
  callbackAttempts(id: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`));
  }

  waitForIdentify(timeoutMs = 30_000): Promise<DiscordFake['identifies'][number]> {
    return this.waitForGateway(() => this.identifies.length > 0, timeoutMs, 'IDENTIFY').then(() => this.identifies[0]!);
  }

  /** Resolves once check() holds, checked again at every IDENTIFY and RESUME received. */
  waitForGateway(check: () => boolean, timeoutMs = 30_000, what = 'gateway event'): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.gatewayWaiters.delete(waiter);
        reject(new Error(`discord fake: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.gatewayWaiters.delete(waiter);
        resolve();
      };
      this.gatewayWaiters.add(waiter);
    });
  }

  /** The shards of the open, identified gateway connections, as [id, count], in order. */
  get connectedShards(): [number, number][] {
    return [...this.shardOf.entries()].filter(([ws]) => this.sockets.has(ws)).map(([, shard]) => shard).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }

  /**
   * A server id on shard `shardId` of `shardCount` ((id >> 22) % count, as Discord computes it);
   * `n` gives different servers on the same shard.
   */
  static guildOnShard(shardId: number, shardCount: number, n = 0): string {
    const base = 262_144_000_000n; // about 8 years after Discord's epoch, in ms
    const ms = base - (base % BigInt(shardCount)) + BigInt(shardId) + BigInt(shardCount) * BigInt(n);
    return (ms << 22n).toString();
  }

  /** The shard of a server for a shard count (0 for no server: DMs go to shard 0). */
  static shardOfGuild(guildId: string | undefined, shardCount: number): number {
    return guildId === undefined ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
  }

  /** How many gateway connections are open. */
  get connections(): number {
    return this.sockets.size;
  }

  /** Resolves once no client is connected to the gateway (after a client's destroy()). */
  waitForNoConnections(timeoutMs = 10_000): Promise<void> {
    if (!this.sockets.size) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('discord fake: a gateway connection stayed open')), timeoutMs);
      const check = () => {
        if (this.sockets.size) return;
        clearTimeout(timer);
        this.disconnectWaiters.delete(check);
        resolve();
      };
      this.disconnectWaiters.add(check);
    });
  }

  /** Closes the connections of one shard with this close code (4004 and the like: the client does not come back). */
  dropShard(shardId: number, code = 4000): void {
    for (const [ws, [id]] of this.shardOf) if (id === shardId) ws.close(code, 'dropped by the fake');
  }

  /** Closes every gateway connection (as Discord does on a restart); clients reconnect. */
  dropConnections(code = 4000): void {
    for (const ws of this.sockets) ws.close(code, 'dropped by the fake');
  }

  // ---- gateway -------------------------------------------------------------------------

  private onGateway(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.shardOf.delete(ws);
      for (const w of [...this.disconnectWaiters]) w();
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw) => {
      let frame: { op: number; d: any };
      try {
        frame = JSON.parse(String(raw));
      } catch {
        return;
      }
      if (frame.op === 1) ws.send(JSON.stringify({ op: 11 }));
      else if (frame.op === 2) this.onIdentify(ws, frame.d);
      else if (frame.op === 6) this.onResume(ws, frame.d);
    });
  }

  /** A known session resumes (RESUMED); anything else is told to identify afresh. */
  private onResume(ws: WebSocket, d: { token: string; session_id: string }): void {
    this.resumes.push(d.session_id);
    for (const w of [...this.gatewayWaiters]) w();
    const shard = this.sessions.get(d.session_id);
    if (shard && (!this.token || d.token === this.token)) {
      this.shardOf.set(ws, shard);
      this.dispatch('RESUMED', {}, ws);
    } else ws.send(JSON.stringify({ op: 9, d: false }));
  }

  private onIdentify(ws: WebSocket, d: { token: string; intents: number; shard?: [number, number] }): void {
    const shard: [number, number] = Array.isArray(d.shard) && d.shard.length === 2 ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
    this.identifies.push({ token: d.token, intents: d.intents, shard });
    for (const w of [...this.gatewayWaiters]) w();
    if (this.token && d.token !== this.token && d.token !== `Bot ${this.token}`) {
      ws.close(4004, 'Authentication failed.');
      return;
    }
    const [id, count] = shard;
    if (!(Number.isInteger(id) && Number.isInteger(count) && count >= 1 && id >= 0 && id < count)) {
      ws.close(4010, 'Invalid shard.');
      return;
    }
    this.shardOf.set(ws, shard);
    // The servers on this shard arrive unavailable in READY, then one GUILD_CREATE each.
    const guilds = (this.gateway.guilds ?? []).filter((g) => DiscordFake.shardOfGuild(g, count) === id);
    this.dispatch('READY', {
      v: 10,
      user: { ...this.botUser(), global_name: null, avatar: null, flags: 0 },
      guilds: guilds.map((g) => ({ id: g, unavailable: true })),
      session_id: this.newSession(shard),
      resume_gateway_url: this.gatewayUrl,
      application: { id: this.applicationId, flags: 0 },
      shard,
    }, ws);
    for (const g of guilds) this.dispatch('GUILD_CREATE', guildPayload(g, this.botUserId), ws);
  }

  private newSession(shard: [number, number]): string {
    const id = randomBytes(8).toString('hex');
    this.sessions.set(id, shard);
    return id;
  }

  /** Sends a server's event over the connections holding its shard (a DM's, guildId undefined, over shard 0's). */
  dispatchToGuild(type: string, d: unknown, guildId: string | undefined): void {
    for (const [ws, [id, count]] of this.shardOf) if (this.sockets.has(ws) && DiscordFake.shardOfGuild(guildId, count) === id) this.dispatch(type, d, ws);
  }

  /** Sends a dispatch (op 0) to one socket, or to every connected client. */
  dispatch(type: string, d: unknown, only?: WebSocket): void {
    const frame = JSON.stringify({ op: 0, t: type, s: ++this.seq, d });
    for (const ws of only ? [only] : this.sockets) if (ws.readyState === WebSocket.OPEN) ws.send(frame);
  }

  /** A snowflake for now, so discord.js sees a fresh interaction. */
  snowflake(): string {
    return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (this.idCounter++ & 0xfffn)).toString();
  }

  private botUser() {
    return { id: this.botUserId, username: 'ilzam', discriminator: '0', bot: true };
  }

  /** The asking member with these permissions (a bit field as a string: '32' is Manage Server, '0' none). */
  member(permissions: string) {
    const user = { id: this.userId, username: 'tester', discriminator: '0', global_name: 'Tester', avatar: null };
    return { user, roles: [], permissions, joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 };
  }

  /** Builds an interaction payload; `extra` overrides any field (locale, guild_id…). */
  interactionPayload(type: 2 | 4, name: string, options: FakeOption[], extra: Record<string, unknown> = {}) {
    const id = this.snowflake();
    const guildId = typeof extra.guild_id === 'string' ? extra.guild_id : this.guildId;
    this.createdAt.set(id, Date.now());
    const token = `aW50ZXJhY3Rpb246${id}${randomBytes(24).toString('hex')}`;
    return {
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      data: {
        id: '1200000000000000000',
        name,
        type: 1,
        options: options.map((o) => ({
          name: o.name,
          type: o.type ?? (typeof o.value === 'boolean' ? 5 : typeof o.value === 'number' ? 4 : 3),
          ...(o.value === undefined ? {} : { value: o.value }),
          ...(o.focused ? { focused: true } : {}),
        })),
      },
      guild_id: guildId,
      channel_id: this.channelId,
      channel: { id: this.channelId, type: 0, guild_id: guildId, name: 'general' },
      member: this.member('2248473465835073'),
      app_permissions: '2248473465835073',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: 0,
      ...extra,
    };
  }

  /** Injects a slash command (INTERACTION_CREATE, type 2). */
  slashCommand(name: string, options: FakeOption[] = [], extra?: Record<string, unknown>): SentInteraction {
    const payload = this.interactionPayload(2, name, options, extra);
    this.dispatchToGuild('INTERACTION_CREATE', payload, payload.guild_id ?? undefined);
    return { id: payload.id, token: payload.token };
  }

  /** Injects an autocomplete request (type 4); mark the option being typed with focused. */
  autocomplete(name: string, options: FakeOption[], extra?: Record<string, unknown>): SentInteraction {
    const payload = this.interactionPayload(4, name, options, extra);
    this.dispatchToGuild('INTERACTION_CREATE', payload, payload.guild_id ?? undefined);
    return { id: payload.id, token: payload.token };
  }

  // ---- REST ----------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // keep the raw text
    }
    const path = decodeURIComponent(url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname);
    const record: RecordedRequest = { method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers, body, status: 0, at: performance.now() };
    const reply = this.respond(record, url.pathname.startsWith(API_PREFIX));
    record.status = reply.status;
    this.requests.push(record);
    for (const w of [...this.waiters]) if (w.match(record)) w.resolve(record);
    const delay = this.responseDelayMs?.(record) ?? 0;
    if (delay > 0) {
      // A slow platform: the request has done its work, only the answer is late.
      this.held.add(record);
      await new Promise((resolve) => setTimeout(resolve, delay));
      this.held.delete(record);
      if (res.destroyed) return; // the client is gone (killed): nobody to answer
    }
    if (reply.body === undefined) {
      // A 204 must not carry a content-type, or @discordjs/rest tries to parse an empty body.
      res.writeHead(reply.status, reply.headers ?? {});
      res.end();
    } else {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    }
  }

  private respond(r: RecordedRequest, versioned: boolean): { status: number; body?: unknown; headers?: Record<string, string> } {
    if (!versioned) return notFound();
    const failure = this.failures.find((f) => f.method === r.method && f.pattern.test(r.path) && f.failure.times > 0);
    if (failure) {
      failure.failure.times -= 1;
      const { status, retryAfter = 1 } = failure.failure;
      if (status === 429) {
        return {
          status,
          headers: { 'retry-after': String(retryAfter), 'x-ratelimit-scope': 'user' },
          body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
        };
      }
      const { code = status === 400 ? 50035 : 0, message = `${status}: failure injected by the fake` } = failure.failure;
      return { status, body: { message, code } };
    }

    const authed = (): boolean => !this.token || r.headers.authorization === `Bot ${this.token}`;
    const m = (re: RegExp) => re.exec(r.path);
    let match: RegExpExecArray | null;

    if (r.method === 'GET' && r.path === '/gateway/bot') {
      if (!authed()) return unauthorized();
      return {
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: this.gateway.shards ?? 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: this.gateway.maxConcurrency ?? 1 },
        },
      };
    }
    if (r.method === 'GET' && (r.path === '/applications/@me' || r.path === '/oauth2/applications/@me')) {
      if (!authed()) return unauthorized();
      return { status: 200, body: { id: this.applicationId, name: 'ilzam', description: '', bot_public: true, bot_require_code_grant: false, flags: 0 } };
    }
    if (r.method === 'POST' && (match = m(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      return this.onCallback(r, match[1]!);
    }
    if ((match = m(/^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/))) {
      if (r.method === 'DELETE' && match[3]) return { status: 204 };
      if (r.method === 'GET' && match[3]) return { status: 200, body: this.message({}) };
      if ((r.method === 'PATCH' && match[3]) || (r.method === 'POST' && !match[3])) return this.onMessage(r, r.body);
    }
    if (r.method === 'POST' && (match = m(/^\/channels\/(\d+)\/messages$/))) {
      if (!authed()) return unauthorized();
      return this.onChannelMessage(r, match[1]!);
    }
    if (r.method === 'PUT' && (match = m(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      if (!authed()) return unauthorized();
      const list = Array.isArray(r.body) ? r.body : [];
      const registered = list.map((c: any, i: number) => ({ ...c, id: `13000000000000000${i}`, application_id: match![1], version: '1', ...(match![2] ? { guild_id: match![2] } : {}) }));
      if (match[2]) this.commands.guilds.set(match[2], registered);
      else this.commands.global = registered;
      return { status: 200, body: registered };
    }
    return notFound();
  }

  private onCallback(r: RecordedRequest, interactionId: string) {
    const body = r.body as { type?: number; data?: any } | undefined;
    const created = this.createdAt.get(interactionId);
    const first = !this.requests.some((q) => q.status < 300 && q.path.startsWith(`/interactions/${interactionId}/`));
    if (this.tooLate && created !== undefined && first && this.tooLate(interactionId, Date.now() - created)) {
      return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
    }
    if (body?.type === 4 || body?.type === 7) {
      const refused = this.check(r, body.data);
      if (refused) return refused;
    }
    if (body?.type === 8) {
      const problems = choiceProblems(body.data?.choices);
      this.violations.push({ path: r.path, problems });
      if (problems.length) return invalid(problems);
    }
    if (r.query.get('with_response') === 'true') {
      return { status: 200, body: { interaction: { id: interactionId, type: 2 }, resource: { type: body?.type, message: this.message(body?.data ?? {}) } } };
    }
    return { status: 204 };
  }

  private onMessage(r: RecordedRequest, data: any, channelId?: string) {
    const refused = this.check(r, data);
    return refused ?? { status: 200, body: this.message(data ?? {}, channelId) };
  }

  private onChannelMessage(r: RecordedRequest, channelId: string) {
    const nonce = r.body?.nonce === undefined ? undefined : `${channelId} ${String(r.body.nonce)}`;
    const seen = nonce ? this.nonces.get(nonce) : undefined;
    if (seen && r.body.enforce_nonce === true && this.nowMs() - seen.at < this.nonceWindowMs) {
      this.nonceRepeats.push({ channelId, nonce: String(r.body.nonce), messageId: String(seen.message.id) });
      return { status: 200, body: seen.message };
    }
    const reply = this.onMessage(r, r.body, channelId);
    if (reply.status !== 200) return reply;
    const message = reply.body as { id: string };
    this.channelMessages.push({ id: message.id, channelId, body: r.body, authorization: r.headers.authorization });
    if (nonce) this.nonces.set(nonce, { message, at: this.nowMs() });
    return reply;
  }

  /** Records the limits check; a 400 like Discord's when the message breaks one. */
  private check(r: RecordedRequest, data: any) {
    const problems = messageProblems(data);
    this.violations.push({ path: r.path, problems });
    return problems.length ? invalid(problems) : undefined;
  }

  private message(data: any, channelId = this.channelId) {
    return {
      id: this.snowflake(),
      channel_id: channelId,
      type: 0,
      content: data.content ?? '',
      embeds: data.embeds ?? [],
      author: this.botUser(),
      attachments: [],
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: data.flags ?? 0,
      components: [],
    };
  }
}

/** A server as GUILD_CREATE brings it, with only what discord.js needs. */
function guildPayload(id: string, botUserId: string) {
  return {
    id,
    name: `Test server ${id.slice(-4)}`,
    icon: null,
    owner_id: botUserId,
    unavailable: false,
    member_count: 1,
    large: false,
    features: [],
    roles: [],
    emojis: [],
    stickers: [],
    channels: [],
    threads: [],
    members: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    joined_at: new Date(0).toISOString(),
    preferred_locale: 'en-US',
  };
}

function notFound() {
  return { status: 404, body: { message: '404: Not Found', code: 0 } };
}

function unauthorized() {
  return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
}

function invalid(problems: string[]) {
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { _errors: problems.map((p) => ({ code: 'BASE_TYPE_MAX_LENGTH', message: p })) } } };
}

/** What a message body breaks of Discord's limits (empty: none). Exported for assertions. */
export function messageProblems(data: any): string[] {
  const problems: string[] = [];
  if (!data || typeof data !== 'object') return ['no message data'];
  const content: string = data.content ?? '';
  const embeds: any[] = data.embeds ?? [];
  if (!content && !embeds.length) problems.push('empty message');
  if (content.length > LIMITS.content) problems.push(`content ${content.length} > ${LIMITS.content}`);
  if (embeds.length > LIMITS.embeds) problems.push(`${embeds.length} embeds`);
  let total = 0;
  for (const e of embeds) {
    const fields: any[] = e.fields ?? [];
    const over = (what: string, len: number, max: number) => len > max && problems.push(`${what} ${len} > ${max}`);
    over('title', e.title?.length ?? 0, LIMITS.title);
    over('description', e.description?.length ?? 0, LIMITS.description);
    over('fields', fields.length, LIMITS.fields);
    over('footer', e.footer?.text?.length ?? 0, LIMITS.footer);
    over('author', e.author?.name?.length ?? 0, LIMITS.author);
    for (const f of fields) {
      if (!f.name || !f.value) problems.push('empty field name or value');
      over('field name', f.name?.length ?? 0, LIMITS.fieldName);
      over('field value', f.value?.length ?? 0, LIMITS.fieldValue);
    }
    if (e.description === '') problems.push('empty description');
    total += embedTotal(e);
  }
  if (total > LIMITS.total) problems.push(`embeds total ${total} > ${LIMITS.total}`);
  return problems;
}

export function embedTotal(e: any): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.fields ?? []).reduce((n: number, f: any) => n + (f.name?.length ?? 0) + (f.value?.length ?? 0), 0) +
    (e.footer?.text?.length ?? 0) +
    (e.author?.name?.length ?? 0)
  );
}

export function choiceProblems(choices: any): string[] {
  if (!Array.isArray(choices)) return ['choices missing'];
  const problems: string[] = [];
  if (choices.length > LIMITS.choices) problems.push(`${choices.length} choices > ${LIMITS.choices}`);
  for (const c of choices) {
    if (typeof c.name !== 'string' || c.name.length < 1 || c.name.length > LIMITS.choiceText) problems.push(`choice name length ${c.name?.length}`);
    if (typeof c.value === 'string' && (c.value.length < 1 || c.value.length > LIMITS.choiceText)) problems.push(`choice value length ${c.value.length}`);
  }
  return problems;
}
