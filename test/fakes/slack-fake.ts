// A small fake of Slack on 127.0.0.1, for driving the real Bolt app offline:
// - the Web API under /api/ (auth.test, chat.postMessage, chat.postEphemeral, chat.update,
//   users.info, apps.connections.open; anything else answers {ok:true}), with Bearer token
//   checks; users.info says is_admin / is_owner as set in `users`, a plain member otherwise;
// - Socket Mode: apps.connections.open hands out a ws:// URL served here, which says hello,
//   carries envelopes to the app and records the acks that come back;
// - response_url endpoints under /response/<id>, recording what the app posts.
// Calls can be made to fail (channel_not_found, not_in_channel, ratelimited with HTTP 429 and
// Retry-After, ...), by method or, for chat.postMessage, for one channel. chat.postMessage refuses blocks over Slack's limits with invalid_blocks,
// as Slack does, so a test that posts through the fake also checks the payload.
// - OAuth (public distribution): oauth.v2.access exchanges a code from grantCode() once, checking
//   client_id and client_secret, for a bot token of that team; auth.test, users.info and
//   chat.postMessage then answer as that team's bot, and refuse its tokens after revokeTeam()
//   (what Slack does when a workspace uninstalls the app).
// Tests wait on events (waitForApiCall, waitForResponse, waitForAck), never on fixed sleeps.
import { randomUUID } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  /** The bearer token the call carried (tests only check which kind it was). */
  token?: string;
  status: number;
  response: Record<string, unknown>;
}

export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
  status: number;
  /** performance.now() when it arrived, to check the order of ack and answer. */
  receivedAt: number;
}

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
  receivedAt: number;
}

export interface PostedMessage {
  channel: string;
  text?: string;
  blocks?: unknown[];
  ts: string;
}

export interface SlackFakeOptions {
  /** When set, Web API calls must carry it (apps.connections.open excepted). */
  botToken?: string;
  /** When set, apps.connections.open must carry it. */
  appToken?: string;
  /** How often the socket pings the app, as Slack does; 0 for never. */
  pingIntervalMs?: number;
  /** False: the socket opens but never says hello (a connection that never becomes ready). */
  hello?: boolean;
  /** The app's OAuth credentials, which oauth.v2.access checks. */
  oauth?: { clientId: string; clientSecret: string };
}

/** A workspace (or an org, for an org-wide install) that installs the app through OAuth. */
export interface FakeTeam {
  id: string;
  name?: string;
  enterpriseId?: string;
  /** An org-wide install: the token serves every workspace of the enterprise. */
  enterpriseInstall?: boolean;
}

/** Who a token speaks for: the default bot, or the bot of a team that installed through OAuth. */
interface BotIdentity {
  teamId: string;
  team: string;
  enterpriseId?: string;
  botId: string;
  botUserId: string;
}

const DEFAULT_BOT: BotIdentity = { teamId: 'T0FAKE', team: 'Fake Team', botId: 'B0BOT', botUserId: 'U0BOT' };

interface Failure {
  error: string;
  times: number;
  retryAfter: number;
}

// Slack's Block Kit limits, restated here on purpose: the fake checks the renderer, it does not
// import the renderer's idea of the rules.
const LIMITS = { blocks: 50, text: 40000, header: 150, sectionText: 3000, fields: 10, fieldText: 2000, contextElements: 10, textObject: 3000 };

type Json = Record<string, unknown>;

/** Everything in a message payload that Slack would reject, as readable strings. */
export function blockKitViolations(payload: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  const text = payload.text;
  if (text !== undefined && (typeof text !== 'string' || text.length > LIMITS.text)) problems.push(`text: longer than ${LIMITS.text}`);
  const blocks = payload.blocks;
  if (blocks === undefined) return problems;
  if (!Array.isArray(blocks)) return [...problems, 'blocks: not an array'];
  if (blocks.length > LIMITS.blocks) problems.push(`blocks: ${blocks.length} > ${LIMITS.blocks}`);
  const textObject = (where: string, obj: unknown, max: number, types = ['plain_text', 'mrkdwn']) => {
    const o = obj as Json | undefined;
    if (!o || !types.includes(String(o.type))) problems.push(`${where}: type ${String(o?.type)} not one of ${types.join('/')}`);
    else if (typeof o.text !== 'string' || o.text.length < 1) problems.push(`${where}: empty text`);
    else if (o.text.length > max) problems.push(`${where}: ${o.text.length} > ${max}`);
  };
  blocks.forEach((raw, i) => {
    const b = raw as Json;
    const at = `blocks[${i}] (${String(b.type)})`;
    if (b.type === 'header') textObject(at, b.text, LIMITS.header, ['plain_text']);
    else if (b.type === 'section') {
      if (b.text === undefined && b.fields === undefined) problems.push(`${at}: neither text nor fields`);
      if (b.text !== undefined) textObject(`${at}.text`, b.text, LIMITS.sectionText);
      if (b.fields !== undefined) {
        const fields = b.fields as unknown[];
        if (!Array.isArray(fields) || fields.length < 1 || fields.length > LIMITS.fields) problems.push(`${at}.fields: ${Array.isArray(fields) ? fields.length : 'not an array'}`);
        else fields.forEach((f, j) => textObject(`${at}.fields[${j}]`, f, LIMITS.fieldText));
      }
    } else if (b.type === 'context') {
      const elements = b.elements as unknown[];
      if (!Array.isArray(elements) || elements.length < 1 || elements.length > LIMITS.contextElements) problems.push(`${at}.elements: ${Array.isArray(elements) ? elements.length : 'not an array'}`);
      else elements.forEach((e, j) => textObject(`${at}.elements[${j}]`, e, LIMITS.textObject));
    } else if (b.type !== 'divider') problems.push(`${at}: block type the fake does not check`);
  });
  return problems;
}

/** Every text string in a payload (the top-level text and each text object), for assertions. */
export function textsOf(payload: { text?: unknown; blocks?: unknown }): string[] {
  const out: string[] = typeof payload.text === 'string' ? [payload.text] : [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if ((o.type === 'plain_text' || o.type === 'mrkdwn') && typeof o.text === 'string') out.push(o.text);
      else Object.values(o).forEach(visit);
    }
  };
  visit(payload.blocks);
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseParams(raw: string, contentType: string | undefined): Json {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Json;
  const params: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The Web API client sends arrays and objects (blocks) as JSON strings.
    params[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return params;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function send(res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export class SlackFake extends EventEmitter {
  readonly apiCalls: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  readonly acks: SocketAck[] = [];
  readonly messages: PostedMessage[] = [];
  /** Number of Socket Mode connections made so far (reconnects count). */
  connections = 0;
  /** What users.info says about a user; anyone not here is a plain member. */
  readonly users = new Map<string, { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean }>();
  private readonly channelFailures = new Map<string, Failure>();
  /** OAuth codes not yet exchanged, and bot tokens issued by oauth.v2.access (revoked ones stay, marked). */
  private readonly codes = new Map<string, FakeTeam>();
  private readonly issued = new Map<string, BotIdentity & { revoked: boolean }>();

  private readonly apiFailures = new Map<string, Failure[]>();
  private readonly responseFailures: { status: number; times: number; retryAfter?: number }[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private ts = 1_700_000_000;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly options: SlackFakeOptions,
  ) {
    super();
    // One listener per awaited response: tests await hundreds at once (100 subscriptions made together).
    this.setMaxListeners(1000);
  }

  static async start(options: SlackFakeOptions = {}): Promise<SlackFake> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const fake = new SlackFake(server, (server.address() as AddressInfo).port, options);
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((err: unknown) => send(res, 500, { ok: false, error: `fake_error: ${String(err)}` }));
    });
    server.on('upgrade', (req, socket, head) => fake.upgrade(req, socket, head));
    return fake;
  }

  /** The Web API base to give Bolt as clientOptions.slackApiUrl (and SLACK_API_URL). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A fresh response_url on the fake. */
  responseUrl(id: string = randomUUID()): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /**
   * Makes the next `times` calls of a Web API method fail with `error`. "ratelimited" answers
   * HTTP 429 with Retry-After (seconds), as Slack does; anything else is {ok:false, error}.
   */
  failApi(method: string, error: string, { times = 1, retryAfter = 1 }: { times?: number; retryAfter?: number } = {}): void {
    const list = this.apiFailures.get(method) ?? [];
    list.push({ error, times, retryAfter });
    this.apiFailures.set(method, list);
  }

  /** Makes the next `times` chat.postMessage calls to one channel fail (default: every one from now on). */
  failChannel(channel: string, error: string, { times = Infinity, retryAfter = 1 }: { times?: number; retryAfter?: number } = {}): void {
    this.channelFailures.set(channel, { error, times, retryAfter });
  }

  /** The messages posted with chat.postMessage to one channel. */
  messagesIn(channel: string): PostedMessage[] {
    return this.callsOf('chat.postMessage')
      .filter((c) => c.status === 200 && c.response.ok === true && c.params.channel === channel)
      .map((c) => this.messages.find((m) => m.ts === c.response.ts)!);
  }

  /** Makes the next `times` posts to any response_url fail with an HTTP status (404: expired). */
  failResponseUrl(status: number, { times = 1, retryAfter }: { times?: number; retryAfter?: number } = {}): void {
    this.responseFailures.push({ status, times, retryAfter });
  }

  /** An OAuth code for a team, as Slack puts it in the redirect after the user approves; exchangeable once. */
  grantCode(team: FakeTeam): string {
    const code = `code-${team.id}-${randomUUID()}`;
    this.codes.set(code, team);
    return code;
  }

  /** The bot token oauth.v2.access issued for a team (the latest), if any. */
  tokenOf(teamId: string): string | undefined {
    return [...this.issued].filter(([, who]) => who.teamId === teamId).at(-1)?.[0];
  }

  /** Revokes every token of a team, as uninstalling the app does: they answer token_revoked from now on. */
  revokeTeam(teamId: string): void {
    for (const who of this.issued.values()) if (who.teamId === teamId) who.revoked = true;
  }

  callsOf(method: string): ApiCall[] {
    return this.apiCalls.filter((c) => c.method === method);
  }

  waitForApiCall(method: string, match: (c: ApiCall) => boolean = () => true, timeoutMs = 30_000): Promise<ApiCall> {
    return this.waitFor('api', this.apiCalls, (c) => c.method === method && match(c), timeoutMs, `a ${method} call`);
  }

  waitForResponse(match: string | ((r: ResponsePost) => boolean), timeoutMs = 30_000): Promise<ResponsePost> {
    const test = typeof match === 'string' ? (r: ResponsePost) => r.id === match : match;
    return this.waitFor('response', this.responses, test, timeoutMs, 'a response_url post');
  }

  waitForAck(envelopeId: string, timeoutMs = 30_000): Promise<SocketAck> {
    return this.waitFor('ack', this.acks, (a) => a.envelope_id === envelopeId, timeoutMs, `the ack of ${envelopeId}`);
  }

  /** Resolves once an app holds an open Socket Mode connection (hello sent). */
  waitForSocket(timeoutMs = 30_000): Promise<void> {
    if (this.sockets.size) return Promise.resolve();
    return this.waitFor('socket', [], () => true, timeoutMs, 'a Socket Mode connection').then(() => undefined);
  }

  /** Resolves once no Socket Mode connection is open. */
  waitForSocketClosed(timeoutMs = 10_000): Promise<void> {
    if (!this.sockets.size) return Promise.resolve();
    return this.waitFor('socket-closed', [], () => this.sockets.size === 0, timeoutMs, 'the socket to close').then(() => undefined);
  }

  /** Sends an envelope to every connected app; returns its envelope_id. */
  sendEnvelope(type: string, payload: Json, acceptsResponsePayload = true): string {
    const envelope_id = randomUUID();
    const message = JSON.stringify({ envelope_id, type, accepts_response_payload: acceptsResponsePayload, payload });
    for (const ws of this.sockets) ws.send(message);
    return envelope_id;
  }

  /** A slash command over the socket, the way Slack delivers one in Socket Mode. */
  sendSlashCommand(fields: { command: string; text: string; response_url?: string; channel_id?: string; user_id?: string; team_id?: string }): { envelopeId: string; responseUrl: string } {
    const responseUrl = fields.response_url ?? this.responseUrl();
    const envelopeId = this.sendEnvelope('slash_commands', slashCommandPayload({ ...fields, response_url: responseUrl }));
    return { envelopeId, responseUrl };
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private waitFor<T>(event: string, existing: T[], test: (item: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    const found = existing.find(test);
    if (found) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const onItem = (item: T) => {
        if (!test(item)) return;
        cleanup();
        resolve(item);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`slack fake: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off(event, onItem);
      };
      this.on(event, onItem);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    if (req.method === 'POST' && url.pathname.startsWith('/api/')) return this.handleApi(url.pathname.slice(5), req, raw, res);
    if (req.method === 'POST' && url.pathname.startsWith('/response/')) return this.handleResponseUrl(url.pathname.slice(10), req, raw, res);
    send(res, 404, { ok: false, error: 'unknown_path' });
  }

  private handleApi(method: string, req: IncomingMessage, raw: string, res: ServerResponse): void {
    const params = parseParams(raw, req.headers['content-type']);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? (typeof params.token === 'string' ? params.token : undefined);
    const record = (status: number, response: Json, headers: Record<string, string> = {}) => {
      const call: ApiCall = { method, params, token, status, response };
      this.apiCalls.push(call);
      send(res, status, response, headers);
      this.emit('api', call);
    };
    const failure = this.takeFailure(method) ?? (method === 'chat.postMessage' ? this.takeChannelFailure(params.channel) : undefined);
    if (failure?.error === 'ratelimited') return record(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
    if (failure) return record(200, { ok: false, error: failure.error });

    if (method === 'apps.connections.open') {
      if (!token?.startsWith('xapp-')) return record(200, { ok: false, error: token ? 'not_allowed_token_type' : 'not_authed' });
      if (this.options.appToken && token !== this.options.appToken) return record(200, { ok: false, error: 'invalid_auth' });
      return record(200, { ok: true, url: `ws://127.0.0.1:${this.port}/socket-mode?ticket=${randomUUID()}` });
    }
    if (method === 'oauth.v2.access') return this.exchangeCode(req, params, record);
    if (!token) return record(200, { ok: false, error: 'not_authed' });
    const issued = this.issued.get(token);
    if (issued?.revoked) return record(200, { ok: false, error: 'token_revoked' });
    // With a bot token configured, or once OAuth has issued tokens, only those are accepted.
    const strict = this.options.botToken !== undefined || this.issued.size > 0;
    if (!issued && strict && token !== this.options.botToken) return record(200, { ok: false, error: 'invalid_auth' });
    const bot: BotIdentity = issued ?? DEFAULT_BOT;

    switch (method) {
      case 'users.info': {
        const id = String(params.user ?? '');
        const flags = this.users.get(id) ?? {};
        return record(200, { ok: true, user: { id, team_id: bot.teamId, name: id.toLowerCase(), deleted: false, is_bot: false, is_admin: false, is_owner: false, is_primary_owner: false, ...flags } });
      }
      case 'auth.test':
        return record(200, { ok: true, url: 'https://fake.slack.test/', team: bot.team, user: 'ilzam', team_id: bot.teamId, user_id: bot.botUserId, bot_id: bot.botId, ...(bot.enterpriseId ? { enterprise_id: bot.enterpriseId } : {}) });
      case 'chat.postMessage':
      case 'chat.postEphemeral':
      case 'chat.update': {
        const channel = typeof params.channel === 'string' ? params.channel : '';
        if (!channel) return record(200, { ok: false, error: 'channel_not_found' });
        const violations = blockKitViolations(params);
        if (violations.length) return record(200, { ok: false, error: 'invalid_blocks', errors: violations });
        const ts = `${++this.ts}.000100`;
        const message: PostedMessage = { channel, text: params.text as string | undefined, blocks: params.blocks as unknown[] | undefined, ts };
        this.messages.push(message);
        if (method === 'chat.postEphemeral') return record(200, { ok: true, message_ts: ts });
        return record(200, { ok: true, channel, ts, message: { type: 'message', text: message.text, blocks: message.blocks, ts, bot_id: bot.botId } });
      }
      default:
        return record(200, { ok: true });
    }
  }

  /** oauth.v2.access: the app's credentials (form fields, or HTTP Basic), then a code from grantCode(), once. */
  private exchangeCode(req: IncomingMessage, params: Json, record: (status: number, response: Json) => void): void {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const clientId = typeof params.client_id === 'string' ? params.client_id : basicId;
    const clientSecret = typeof params.client_secret === 'string' ? params.client_secret : basicSecret;
    const oauth = this.options.oauth;
    if (!oauth || clientId !== oauth.clientId) return record(200, { ok: false, error: 'invalid_client_id' });
    if (clientSecret !== oauth.clientSecret) return record(200, { ok: false, error: 'bad_client_secret' });
    const code = typeof params.code === 'string' ? params.code : '';
    const team = this.codes.get(code);
    if (!team) return record(200, { ok: false, error: 'invalid_code' });
    this.codes.delete(code);
    const token = `xoxb-${team.id}-${randomUUID().replace(/-/g, '')}`;
    const bot: BotIdentity = { teamId: team.id, team: team.name ?? team.id, enterpriseId: team.enterpriseId, botId: `B${team.id}`, botUserId: `U${team.id}BOT` };
    this.issued.set(token, { ...bot, revoked: false });
    const orgWide = team.enterpriseInstall === true && team.enterpriseId !== undefined;
    return record(200, {
      ok: true,
      app_id: 'A0FAKE',
      authed_user: { id: `U${team.id}INSTALLER` },
      scope: 'commands,chat:write,users:read',
      token_type: 'bot',
      access_token: token,
      bot_user_id: bot.botUserId,
      team: orgWide ? null : { id: team.id, name: bot.team },
      enterprise: team.enterpriseId ? { id: team.enterpriseId, name: `Org ${team.enterpriseId}` } : null,
      is_enterprise_install: orgWide,
    });
  }

  private handleResponseUrl(id: string, req: IncomingMessage, raw: string, res: ServerResponse): void {
    const body = parseParams(raw, req.headers['content-type']);
    const failure = this.responseFailures[0];
    let status = 200;
    const headers: Record<string, string> = {};
    if (failure) {
      status = failure.status;
      if (failure.retryAfter !== undefined) headers['retry-after'] = String(failure.retryAfter);
      if (--failure.times <= 0) this.responseFailures.shift();
    }
    const post: ResponsePost = { id, body, status, receivedAt: performance.now() };
    this.responses.push(post);
    send(res, status, status === 200 ? { ok: true } : { ok: false, error: status === 404 ? 'expired_url' : 'failed' }, headers);
    this.emit('response', post);
  }

  private takeFailure(method: string): Failure | undefined {
    const list = this.apiFailures.get(method);
    const failure = list?.[0];
    if (!failure) return undefined;
    if (--failure.times <= 0) list!.shift();
    return failure;
  }

  private takeChannelFailure(channel: unknown): Failure | undefined {
    const failure = typeof channel === 'string' ? this.channelFailures.get(channel) : undefined;
    if (!failure) return undefined;
    if (--failure.times <= 0) this.channelFailures.delete(channel as string);
    return failure;
  }

  private upgrade(req: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): void {
    if (!(req.url ?? '').startsWith('/socket-mode')) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws);
      this.connections++;
      const interval = this.options.pingIntervalMs ?? 10_000;
      const pinger = interval > 0 ? setInterval(() => ws.ping(), interval) : undefined;
      pinger?.unref();
      ws.on('message', (data) => {
        const message = tryJson(data.toString()) as Omit<SocketAck, 'receivedAt'> | undefined;
        if (!message || typeof message !== 'object' || !message.envelope_id) return;
        const ack: SocketAck = { ...message, receivedAt: performance.now() };
        this.acks.push(ack);
        this.emit('ack', ack);
      });
      ws.on('close', () => {
        clearInterval(pinger);
        this.sockets.delete(ws);
        this.emit('socket-closed', undefined);
      });
      if (this.options.hello !== false) ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A0FAKE' } }));
      this.emit('socket', undefined);
    });
  }
}

/** The fields Slack sends with a slash command (form fields in HTTP mode, payload in Socket Mode). */
export function slashCommandPayload(fields: { command: string; text: string; response_url: string; channel_id?: string; user_id?: string; team_id?: string }): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    // A Slack Connect channel is shared by two teams: the same channel id, another team_id.
    team_id: fields.team_id ?? 'T0FAKE',
    team_domain: 'fake',
    channel_id: fields.channel_id ?? 'C0FAKE',
    channel_name: 'general',
    user_id: fields.user_id ?? 'U0ASKER',
    user_name: 'asker',
    command: fields.command,
    text: fields.text,
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: fields.response_url,
    trigger_id: `${Date.now()}.fake`,
  };
}
