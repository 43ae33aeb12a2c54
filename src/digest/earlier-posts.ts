// What a channel's earlier subscription posted, so a new one does not post the same day again.
// The post log is keyed by subscription id, and unsubscribing removes the subscription with its
// log; /unsubscribe then /subscribe (the documented way to change the time) gives a new id with
// no log, and its first slot today would post a day the channel already has. So before a
// subscription goes, what it posted (or may have posted) on days not yet over is noted in the
// state's settings, and the scheduler looks there before a subscription's first attempt of a
// day. Only a few days are kept: a day is over everywhere within two.
import { z } from 'zod';
import { LocalDate, type State } from '../store/state-schema.ts';
import type { DeepReadonly, StateStore } from '../store/state-store.ts';
import { addDays } from './slots.ts';

/** The settings key; the digest owns and checks it. */
export const EARLIER_POSTS_KEY = 'digestEarlierPosts';
const KEEP_DAYS = 2;

const EarlierPost = z.object({
  platform: z.string(),
  channel: z.string(),
  date: LocalDate,
  /** posted: it went out; claimed or unconfirmed: it may have. */
  status: z.enum(['posted', 'claimed', 'unconfirmed']),
  messageId: z.string().optional(),
  at: z.string(),
});
export type EarlierPost = z.infer<typeof EarlierPost>;

function earlierPosts(state: DeepReadonly<State>): EarlierPost[] {
  const parsed = z.array(EarlierPost).safeParse(state.settings[EARLIER_POSTS_KEY]);
  return parsed.success ? parsed.data : [];
}

/** The channel's earlier post for a day, if a subscription that is gone made (or may have made) one. */
export function earlierPost(state: DeepReadonly<State>, platform: string, channel: string, day: string): EarlierPost | undefined {
  return earlierPosts(state).find((p) => p.platform === platform && p.channel === channel && p.date === day);
}

/** Notes the posts to keep, dropping notes for days over everywhere. Runs inside a store update. */
function note(draft: State, posts: readonly EarlierPost[], now: Date): void {
  const cutoff = addDays(now.toISOString().slice(0, 10), -KEEP_DAYS);
  const same = (a: EarlierPost, b: EarlierPost) => a.platform === b.platform && a.channel === b.channel && a.date === b.date;
  const kept = earlierPosts(draft).filter((p) => p.date >= cutoff && !posts.some((q) => same(p, q)));
  draft.settings[EARLIER_POSTS_KEY] = [...kept, ...posts.filter((p) => p.date >= cutoff)];
}

/**
 * Notes what the channel's subscription posted on recent days, before it is removed. One
 * store update: the rows read are the ones committed at that point in the queue.
 */
export function notePostsBeforeRemoval(store: StateStore, platform: string, channel: string, now: Date): Promise<void> {
  return store.update((draft) => {
    const sub = draft.subscriptions.find((s) => s.platform === platform && s.channel === channel);
    if (!sub) return;
    const posts = draft.posts
      .filter((p) => p.subscriptionId === sub.id && p.status !== 'failed')
      .map((p) => ({ platform, channel, date: p.date, status: p.status as EarlierPost['status'], ...(p.messageId ? { messageId: p.messageId } : {}), at: p.at }));
    note(draft, posts, now);
  });
}

/** Notes one post that went out after its subscription was removed (an unsubscribe raced the post). */
export function notePost(store: StateStore, post: EarlierPost, now: Date): Promise<void> {
  return store.update((draft) => note(draft, [post], now));
}
