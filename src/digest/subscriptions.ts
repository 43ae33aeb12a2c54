// /subscribe [lang] [time] [zone], /unsubscribe and /subscriptions, without any platform: the
// adapter decides who is an admin (Discord: Manage Server; Slack: workspace admin or
// SLACK_DIGEST_ADMINS), passes the raw options, and renders the Reply it gets back. Every
// answer is ephemeral. Writes go through the state store's queue, so concurrent commands are
// all kept and two subscribes racing for one channel give one subscription and one "already".
import { BadLanguageError, parseLang } from '../i18n/lang.ts';
import { localDay } from '../i18n/time.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Reply } from '../reply/model.ts';
import type { Platform, Subscription } from '../store/state-schema.ts';
import { DuplicateSubscriptionError, UnknownSubscriptionError, type StateStore, type SubscriptionSettings } from '../store/state-store.ts';
import { badLangReply } from '../../commands/shared.ts';
import type { DigestLog } from './scheduler.ts';
import { DEFAULT_DIGEST_TIME, nextSlotAfter } from './slots.ts';
import { parseTime, parseZone } from './subscription-input.ts';
import {
  alreadySubscribedReply,
  badTimeReply,
  badZoneReply,
  listReply,
  notAdminReply,
  nothingToUnsubscribeReply,
  plainCommandName,
  saveFailedReply,
  subscribedReply,
  unsubscribedReply,
  type CommandNamer,
} from './texts.ts';

/** Who asks, and where: filled in by the adapter. */
export interface DigestRequest {
  platform: Platform;
  /** Discord channel id or Slack channel id: the channel the command was run in. */
  channel: string;
  /** Discord guild id or Slack team id; with it, /subscriptions lists the whole server. */
  workspace?: string;
  /** Platform user id of the person running the command. */
  user: string;
  /** Decided by the adapter. The service refuses every command when false. */
  isAdmin: boolean;
  /** Language of the answer when the options name none; default the bot's. */
  lang?: Lang;
}

/** The raw option values as typed; all optional. */
export interface SubscribeOptions {
  lang?: string;
  time?: string;
  zone?: string;
}

export interface SubscriptionServiceOptions {
  store: StateStore;
  defaultLang: Lang;
  /** DIGEST_TZ (default Asia/Karachi). */
  defaultZone: string;
  /** Default 09:00. */
  defaultTime?: string;
  now?: () => Date;
  /** Called after every change; wire it to scheduler.replan() so a new slot is timed at once. */
  onChange?: () => void;
  commandName?: CommandNamer;
  log?: DigestLog;
}

type ResolvedOptions = Required<Omit<SubscriptionServiceOptions, 'onChange'>> & Pick<SubscriptionServiceOptions, 'onChange'>;

const consoleLog: DigestLog = (level, message) => console.error(`[ilzam] digest ${level}: ${message}`);

export class SubscriptionService {
  readonly #o: ResolvedOptions;

  constructor(opts: SubscriptionServiceOptions) {
    this.#o = {
      ...opts,
      defaultTime: opts.defaultTime ?? DEFAULT_DIGEST_TIME,
      now: opts.now ?? (() => new Date()),
      commandName: opts.commandName ?? plainCommandName,
      log: opts.log ?? consoleLog,
    };
  }

  async subscribe(req: DigestRequest, opts: SubscribeOptions = {}): Promise<Reply> {
    let lang = req.lang ?? this.#o.defaultLang;
    if (!req.isAdmin) return notAdminReply(req.platform, lang);
    let language: Lang | undefined;
    try {
      language = parseLang(opts.lang);
    } catch (err) {
      if (err instanceof BadLanguageError) return badLangReply(err.given, lang);
      throw err;
    }
    lang = language ?? lang; // "lang:ur" also means: answer me in Urdu
    const time = given(opts.time) ? parseTime(opts.time!) : this.#o.defaultTime;
    if (!time) return badTimeReply(opts.time!, lang);
    const zone = given(opts.zone) ? parseZone(opts.zone!) : this.#o.defaultZone;
    if (!zone) return badZoneReply(opts.zone!, lang);

    const settings: SubscriptionSettings = { language: language ?? lang, time, zone, createdBy: req.user };
    try {
      const { sub, resumed } = await this.#subscribe(req, settings);
      this.#o.onChange?.();
      const next = nextSlotAfter(sub, this.#o.now());
      return subscribedReply(sub, next && localDay(next, sub.zone), resumed, lang);
    } catch (err) {
      if (err instanceof DuplicateSubscriptionError) return alreadySubscribedReply(err.existing, lang, this.#o.commandName);
      return this.#saveFailed(err, lang);
    }
  }

  /** A paused channel is resumed with the new settings; an active one is a duplicate. */
  async #subscribe(req: DigestRequest, settings: SubscriptionSettings): Promise<{ sub: Subscription; resumed: boolean }> {
    const existing = this.#o.store.listSubscriptions(req.platform).find((s) => s.channel === req.channel);
    if (existing?.paused) {
      try {
        return { sub: await this.#o.store.resumeSubscription(existing.id, settings), resumed: true };
      } catch (err) {
        if (!(err instanceof UnknownSubscriptionError)) throw err; // unsubscribed meanwhile: subscribe afresh
      }
    }
    const sub = await this.#o.store.addSubscription({ platform: req.platform, channel: req.channel, workspace: req.workspace, ...settings });
    return { sub, resumed: false };
  }

  async unsubscribe(req: DigestRequest): Promise<Reply> {
    const lang = req.lang ?? this.#o.defaultLang;
    if (!req.isAdmin) return notAdminReply(req.platform, lang);
    try {
      const removed = await this.#o.store.removeSubscription(req.platform, req.channel);
      if (!removed) return nothingToUnsubscribeReply(req.platform, lang, this.#o.commandName);
      this.#o.onChange?.();
      return unsubscribedReply(lang);
    } catch (err) {
      return this.#saveFailed(err, lang);
    }
  }

  /** The server's (or workspace's) subscriptions when the adapter gives its id, else the channel's. */
  async list(req: DigestRequest): Promise<Reply> {
    const lang = req.lang ?? this.#o.defaultLang;
    if (!req.isAdmin) return notAdminReply(req.platform, lang);
    const { posts } = this.#o.store.read();
    const subs = this.#o.store
      .listSubscriptions(req.platform)
      .filter((s) => s.channel === req.channel || (req.workspace !== undefined && s.workspace === req.workspace));
    return listReply(subs, posts, req.workspace ? 'workspace' : 'channel', req.platform, lang, this.#o.commandName);
  }

  #saveFailed(err: unknown, lang: Lang): Reply {
    this.#o.log('error', `saving a subscription failed: ${err instanceof Error ? err.message : String(err)}`);
    return saveFailedReply(lang);
  }
}

function given(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}
