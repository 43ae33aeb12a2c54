// The service behind /subscribe, /unsubscribe and /subscriptions, without any platform: the
// command registry has already checked that the asker is an admin, in a channel; the command
// passes the raw options, and the adapter renders the Reply. Every answer is ephemeral. Writes go through the state store's queue, so concurrent commands are
// all kept and two subscribes racing for one channel give one subscription and one "already".
import type { Lang, Texts } from '../i18n/lang.ts';
import { localDay } from '../i18n/time.ts';
import type { Reply } from '../reply/model.ts';
import type { Subscription, SubscriptionFilter } from '../store/state-schema.ts';
import { DuplicateSubscriptionError, UnknownSubscriptionError, type DigestStore, type SubscriptionSettings } from '../store/storage.ts';
import { consoleDigestLog, type DigestLog } from './log.ts';
import { DEFAULT_DIGEST_TIME, nextSlotAfter } from './slots.ts';
import { parseTime, parseZone } from './subscription-input.ts';
import {
  alreadySubscribedReply,
  badTimeReply,
  badZoneReply,
  listReply,
  nothingToUnsubscribeReply,
  otherWorkspaceReply,
  saveFailedReply,
  subscribedReply,
  unsubscribedReply,
} from './texts.ts';

/** Who asks, and where: filled in by the command from its caller (who may ask is the command registry's check). */
export interface DigestRequest {
  /** The platform's name, as its adapter and poster call it ("discord", "slack"). */
  platform: string;
  /** The channel the command was run in. */
  channel: string;
  /** Discord guild id or Slack team id; with it, /subscriptions lists the whole server. */
  workspace?: string;
  /** Platform user id of the person running the command. */
  user: string;
  /** Language of the answer. */
  lang: Lang;
  /** How a command is typed where the asker is ("/subscribe", "/ilzam-subscribe"). */
  commandName(name: string): string;
  /** What the platform calls a workspace ("server", "workspace"). */
  workspaceWord: Texts;
}

/** The option values as typed (time, zone) or already decided (language); all optional. */
export interface SubscribeOptions {
  /** The language to post in; default the asker's answer language. */
  language?: Lang;
  time?: string;
  zone?: string;
  /** A filtered digest: only claims about these actors and states (ids, resolved by the command). */
  filter?: SubscriptionFilter;
  /** The filter's names in the answer's language ("APT28, Pakistan"), for the confirmation. */
  filterText?: string;
}

export interface SubscriptionServiceOptions {
  store: DigestStore;
  /** DIGEST_TZ (default Asia/Karachi). */
  defaultZone: string;
  /** Default 09:00. */
  defaultTime?: string;
  now?: () => Date;
  /** Called after every change; wire it to scheduler.replan() so a new slot is timed at once. */
  onChange?: () => void;
  log?: DigestLog;
}

type ResolvedOptions = Required<Omit<SubscriptionServiceOptions, 'onChange'>> & Pick<SubscriptionServiceOptions, 'onChange'>;

export class SubscriptionService {
  readonly #o: ResolvedOptions;

  constructor(opts: SubscriptionServiceOptions) {
    this.#o = {
      ...opts,
      defaultTime: opts.defaultTime ?? DEFAULT_DIGEST_TIME,
      now: opts.now ?? (() => new Date()),
      log: opts.log ?? consoleDigestLog,
    };
  }

  async subscribe(req: DigestRequest, opts: SubscribeOptions = {}): Promise<Reply> {
    const lang = req.lang;
    if (this.#belongsElsewhere(req)) return otherWorkspaceReply(lang, req.workspaceWord);
    const time = given(opts.time) ? parseTime(opts.time!) : this.#o.defaultTime;
    if (!time) return badTimeReply(opts.time!, lang);
    const zone = given(opts.zone) ? parseZone(opts.zone!) : this.#o.defaultZone;
    if (!zone) return badZoneReply(opts.zone!, lang);

    const settings: SubscriptionSettings = { language: opts.language ?? lang, time, zone, createdBy: req.user, ...(opts.filter ? { filter: opts.filter } : {}) };
    try {
      const { sub, resumed } = await this.#subscribe(req, settings);
      this.#o.onChange?.();
      const next = nextSlotAfter(sub, this.#o.now());
      return subscribedReply(sub, next && localDay(next, sub.zone), resumed, lang, opts.filterText);
    } catch (err) {
      if (err instanceof DuplicateSubscriptionError) return alreadySubscribedReply(err.existing, lang, req.commandName);
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
    const lang = req.lang;
    if (this.#belongsElsewhere(req)) return otherWorkspaceReply(lang, req.workspaceWord);
    try {
      // Its post log stays (with the channel), so subscribing again today does not post today again.
      const removed = await this.#o.store.removeSubscription(req.platform, req.channel, req.workspace);
      if (!removed) return nothingToUnsubscribeReply(lang, req.commandName);
      this.#o.onChange?.();
      return unsubscribedReply(lang);
    } catch (err) {
      return this.#saveFailed(err, lang);
    }
  }

  /** The server's (or workspace's) subscriptions when the adapter gives its id, else the channel's. */
  async list(req: DigestRequest): Promise<Reply> {
    const lang = req.lang;
    const { posts } = this.#o.store.read();
    const subs = this.#o.store
      .listSubscriptions(req.platform)
      .filter((s) => s.channel === req.channel || (req.workspace !== undefined && s.workspace === req.workspace));
    return listReply(subs, posts, req.workspace ? req.workspaceWord : undefined, lang, req.commandName);
  }

  /**
   * The channel's subscription was made from another workspace. One channel can be in two: a
   * Slack Connect channel has one id in both teams, so a caller's admin rights in their own
   * team say nothing about the other's subscription. Without a recorded workspace (older
   * subscriptions) or a caller's, there is nothing to compare.
   */
  #belongsElsewhere(req: DigestRequest): boolean {
    const existing = this.#o.store.listSubscriptions(req.platform).find((s) => s.channel === req.channel);
    return existing?.workspace !== undefined && req.workspace !== undefined && existing.workspace !== req.workspace;
  }

  #saveFailed(err: unknown, lang: Lang): Reply {
    this.#o.log('error', `saving a subscription failed: ${err instanceof Error ? err.message : String(err)}`);
    return saveFailedReply(lang);
  }
}

function given(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}
