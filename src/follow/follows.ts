// The service behind /follow, /unfollow and /following, without any platform: the command
// registry has already checked that the asker may manage the channel, in a channel. A follow
// stores the entity's (or incident's) id and a snapshot of its names, so every alias is
// covered and a renamed or merged actor is found again; the alert dispatcher
// (src/digest/alerts.ts) posts what follows match.
import { DEFAULT_ALERTS_PER_HOUR } from '../config.ts';
import type { Lang, Texts } from '../i18n/lang.ts';
import { findFollowable, followableValue, followLabel, groupsOf, resolveFollowTarget, sameName, type FollowTarget } from '../knowledge/follow-targets.ts';
import { ambiguousReply, notFoundReply, type Finder } from '../knowledge/lookup.ts';
import type { Reply } from '../reply/model.ts';
import { DuplicateFollowError, FollowLimitError, type FollowStore } from '../store/storage.ts';
import type { Follow } from '../store/state-schema.ts';
import { cleanText } from '../text/clean.ts';
import { isArabicScript } from '../text/script.ts';
import { logFor } from '../log/logger.ts';
import {
  alreadyFollowingReply,
  followedReply,
  followingReply,
  followLimitReply,
  notFollowingReply,
  saveFailedReply,
  unfollowedReply,
  whatToFollowReply,
  whatToUnfollowReply,
} from './texts.ts';

/** A channel follows at most this many actors, states and incidents (one state covers its groups). */
export const MAX_FOLLOWS_PER_CHANNEL = 50;

/** Who asks, and where: filled in by the command from its caller. */
export interface FollowRequest {
  platform: string;
  channel: string;
  workspace?: string;
  user: string;
  /** The answer's language. */
  lang: Lang;
  /** The alert language the asker chose with lang:, if any. */
  language?: Lang;
  commandName(name: string): string;
  workspaceWord: Texts;
}

export interface FollowServiceOptions {
  store: FollowStore;
  maxPerChannel?: number;
  /** ALERTS_PER_HOUR, for the replies (the dispatcher enforces it). */
  alertsPerHour?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export class FollowService {
  readonly #store: FollowStore;
  readonly maxPerChannel: number;
  readonly alertsPerHour: number;
  readonly #log: NonNullable<FollowServiceOptions['log']>;

  constructor(opts: FollowServiceOptions) {
    this.#store = opts.store;
    this.maxPerChannel = opts.maxPerChannel ?? MAX_FOLLOWS_PER_CHANNEL;
    this.alertsPerHour = opts.alertsPerHour ?? DEFAULT_ALERTS_PER_HOUR;
    this.#log = opts.log ?? ((level, message) => logFor('follows')[level](message));
  }

  async follow(req: FollowRequest, finder: Finder, typed: string | undefined): Promise<Reply> {
    const lang = req.lang;
    const text = cleanText(typed);
    if (!/[\p{L}\p{N}]/u.test(text)) return whatToFollowReply(lang, `${req.commandName('follow')} apt28`);
    const found = findFollowable(finder, text);
    if (found.kind === 'ambiguous') return ambiguousReply(finder, text, found.hits, lang);
    if (found.kind === 'none') return notFoundReply(finder, text, found.near, lang);
    const target = found.target;
    const label = followLabel(finder.kb, target, lang);
    const input = { platform: req.platform, channel: req.channel, workspace: req.workspace, kind: target.kind, target: target.id, names: target.names, createdBy: req.user };
    const opts = { language: req.language, defaultLanguage: req.language ?? lang, maxPerChannel: this.maxPerChannel };
    try {
      let added;
      try {
        added = await this.#store.addFollow(input, opts);
      } catch (err) {
        if (!(err instanceof DuplicateFollowError)) throw err;
        // Following again what a paused channel follows is how it is resumed: the same follow, made anew.
        const paused = (await this.#store.listAlertChannels(req.platform)).find((c) => c.channel === req.channel)?.paused;
        if (!paused || !(await this.#store.removeFollow(req.platform, req.channel, target.id))) return alreadyFollowingReply(label, lang, req.commandName);
        added = await this.#store.addFollow(input, opts);
      }
      const groups = target.kind === 'state' ? groupsOf(finder.kb, target.id).map((g) => (lang === 'ur' ? g.name.ur : undefined) ?? g.name.en) : [];
      const aliases = target.kind === 'actor' ? aliasesIn(finder.kb.entities.get(target.id)?.aliases.map((a) => a.name) ?? [], lang) : [];
      const reply = followedReply({ target, label, aliases, groups, channel: added.channel, resumed: added.resumed, perHour: this.alertsPerHour }, lang, req.commandName);
      if (found.others.length) {
        reply.suggestions = found.others.map((h) => ({ label: followLabel(finder.kb, { kind: h.kind === 'incident' ? 'incident' : 'actor', id: h.id }, lang), value: followableValue(h) }));
        reply.suggestionsLabel = lang === 'ur' ? 'دیگر نتائج' : 'Also matching';
      }
      return reply;
    } catch (err) {
      if (err instanceof FollowLimitError) return followLimitReply(err.limit, lang, req.commandName);
      return this.#saveFailed(err, lang);
    }
  }

  async unfollow(req: FollowRequest, finder: Finder, typed: string | undefined): Promise<Reply> {
    const lang = req.lang;
    const text = cleanText(typed);
    if (!/[\p{L}\p{N}]/u.test(text)) return whatToUnfollowReply(lang, req.commandName);
    try {
      const follows = await this.#store.listFollows({ platform: req.platform, channel: req.channel });
      const follow = this.#which(finder, follows, text);
      if (!follow) {
        return notFollowingReply(text, follows.map((f) => ({ label: this.#label(finder, f, lang), value: f.target })), lang, req.commandName);
      }
      const removed = await this.#store.removeFollow(req.platform, req.channel, follow.target, req.workspace);
      if (!removed) return notFollowingReply(text, [], lang, req.commandName);
      return unfollowedReply(this.#label(finder, removed, lang), lang);
    } catch (err) {
      return this.#saveFailed(err, lang);
    }
  }

  async list(req: FollowRequest, finder: Finder): Promise<Reply> {
    const lang = req.lang;
    const follows = await this.#store.listFollows({ platform: req.platform, channel: req.channel });
    const channel = (await this.#store.listAlertChannels(req.platform)).find((c) => c.channel === req.channel);
    const lines = follows.map((f) => {
      const now = resolveFollowTarget(finder.kb, f);
      return {
        label: this.#label(finder, f, lang),
        kind: now?.kind ?? f.kind,
        since: f.createdAt.slice(0, 10),
        lost: now === undefined,
        groups: now?.kind === 'state' ? groupsOf(finder.kb, now.id).length : 0,
      };
    });
    return followingReply(lines, channel, this.maxPerChannel, this.alertsPerHour, lang, req.commandName);
  }

  /** The channel's follow a typed name means: by the id it resolves to, or by a name stored with the follow. */
  #which(finder: Finder, follows: Follow[], text: string): Follow | undefined {
    const direct = follows.find((f) => f.target === text || f.names.some((n) => sameName(n, text)));
    if (direct) return direct;
    const found = findFollowable(finder, text);
    if (found.kind !== 'found') return undefined;
    return follows.find((f) => f.target === found.target.id || resolveFollowTarget(finder.kb, f)?.id === found.target.id);
  }

  #label(finder: Finder, follow: Follow, lang: Lang): string {
    const now: FollowTarget | undefined = resolveFollowTarget(finder.kb, follow);
    return followLabel(finder.kb, now ?? { kind: follow.kind, id: follow.target, names: follow.names }, lang);
  }

  #saveFailed(err: unknown, lang: Lang): Reply {
    this.#log('error', `saving a follow failed: ${err instanceof Error ? err.message : String(err)}`);
    return saveFailedReply(lang);
  }
}

/** Aliases to show in a reply: in English only those in Latin script; in Urdu, Urdu spellings first. */
function aliasesIn(names: string[], lang: Lang): string[] {
  const urdu = names.filter((n) => isArabicScript(n));
  const latin = names.filter((n) => !isArabicScript(n));
  return lang === 'ur' ? [...urdu, ...latin] : latin;
}
