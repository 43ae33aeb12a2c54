// One storage contract, run against both backends: the lowdb file and PostgreSQL. Whatever the
// bot relies on — a channel subscribed once, a day claimed once even when claims race, a draft
// decided once, a key seen once — must hold the same on both.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { LogLevel, type Installation } from '@slack/bolt';
import { NotInstalledError, SlackInstallations } from '../src/adapters/slack/installations.ts';
import { openStateStore } from '../src/store/file-storage.ts';
import { migrate, MigrationError } from '../src/store/pg/migrate.ts';
import { MIGRATIONS } from '../src/store/pg/migrations.ts';
import { PgStorage } from '../src/store/pg/pg-storage.ts';
import {
  DuplicateFollowError,
  DuplicateSubscriptionError,
  FollowLimitError,
  StaleDraftError,
  StorageUnavailableError,
  type DeliveryClaimOptions,
  type NewFollow,
  type NewSubscription,
  type Storage,
} from '../src/store/storage.ts';
import { dropSchema, postgresMissing, TEST_DATABASE_URL, testSchema } from './pg-helpers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

const sub = (channel: string, extra: Partial<NewSubscription> = {}): NewSubscription => ({
  platform: 'discord',
  channel,
  language: 'en',
  time: '09:00',
  zone: 'Asia/Karachi',
  createdBy: 'U1',
  workspace: 'G1',
  ...extra,
});

const follow = (channel: string, target: string, extra: Partial<NewFollow> = {}): NewFollow => ({
  platform: 'discord',
  channel,
  workspace: 'G1',
  kind: 'actor',
  target,
  names: [target.toUpperCase()],
  createdBy: 'U1',
  ...extra,
});
const FOLLOW_OPTS = { defaultLanguage: 'en' as const, maxPerChannel: 50 };

interface Backend {
  name: string;
  skip?: string;
  /** A fresh, empty storage; `again()` opens a second handle on the same state (a restart, or another instance). */
  open(now?: () => Date): Promise<{ storage: Storage; again: () => Promise<Storage> }>;
}

const backends: Backend[] = [
  {
    name: 'file',
    async open(now) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-contract-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const storage = await openStateStore({ dir, now });
      cleanups.push(() => storage.close());
      return { storage, again: async () => openStateStore({ dir, now }) };
    },
  },
  {
    name: 'postgres',
    skip: postgresMissing,
    async open(now) {
      const schema = testSchema('contract');
      cleanups.push(() => dropSchema(schema));
      const openOne = async () => {
        // The tests' posts are dated 2025 and some run on the real clock: a snapshot window of
        // the default 10 days would drop them whenever a NOTIFY-driven refresh lands mid-test.
        const s = await PgStorage.open({ url: TEST_DATABASE_URL, schema, now, pollMs: 0, snapshotDays: 36_500, log: () => undefined });
        cleanups.push(() => s.close());
        return s;
      };
      return { storage: await openOne(), again: openOne };
    },
  },
];

for (const backend of backends) {
  describe.skipIf(backend.skip !== undefined)(`storage contract: ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
    it('subscribes a channel once, even when two subscribes race, and lists it', async () => {
      const { storage } = await backend.open();
      const results = await Promise.allSettled([storage.addSubscription(sub('C1')), storage.addSubscription(sub('C1', { time: '10:00' }))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(DuplicateSubscriptionError);
      await storage.addSubscription(sub('C2', { platform: 'slack' }));
      expect(storage.listSubscriptions().map((s) => s.channel).sort()).toEqual(['C1', 'C2']);
      expect(storage.listSubscriptions('slack').map((s) => s.channel)).toEqual(['C2']);
      expect(storage.read().subscriptions.find((s) => s.channel === 'C1')).toMatchObject({ paused: false, failures: 0, workspace: 'G1' });
    });

    it('unsubscribes only for the subscription’s own workspace', async () => {
      const { storage } = await backend.open();
      await storage.addSubscription(sub('C1'));
      expect(await storage.removeSubscription('discord', 'C1', 'G-OTHER')).toBeUndefined();
      expect((await storage.removeSubscription('discord', 'C1', 'G1'))?.channel).toBe('C1');
      expect(storage.listSubscriptions()).toEqual([]);
    });

    it('claims a day exactly once when twenty claims race, and never again after it is posted or re-subscribed', async () => {
      const { storage } = await backend.open();
      const s = await storage.addSubscription(sub('C1'));
      const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => storage.claimPost(s.id, '2025-05-27', { owner: `i${i}`, leaseUntil: new Date(Date.now() + 60_000) })));
      expect(claims.filter(Boolean)).toEqual([{ attempt: 1 }]);
      await storage.recordPost(s.id, { date: '2025-05-27', messageId: 'M1' });
      expect(await storage.claimPost(s.id, '2025-05-27')).toBeUndefined();
      expect(storage.read().posts).toEqual([expect.objectContaining({ date: '2025-05-27', status: 'posted', messageId: 'M1', channelKey: 'discord:C1' })]);
      await storage.removeSubscription('discord', 'C1');
      const again = await storage.addSubscription(sub('C1', { time: '11:00' }));
      expect(await storage.claimPost(again.id, '2025-05-27')).toBeUndefined();
      expect(await storage.claimPost(again.id, '2025-05-28')).toEqual({ attempt: 1 });
    });

    it('retries a failed day at its retry time, up to the attempts, and counts only channel faults', async () => {
      let now = new Date('2025-05-27T04:00:00Z');
      const { storage } = await backend.open(() => now);
      const s = await storage.addSubscription(sub('C1'));
      expect(await storage.claimPost(s.id, '2025-05-27', { maxAttempts: 2 })).toEqual({ attempt: 1 });
      expect(await storage.recordFailure(s.id, { error: '503', date: '2025-05-27', transient: true, retryAt: new Date('2025-05-27T04:05:00Z') })).toBe(0);
      expect(await storage.claimPost(s.id, '2025-05-27', { maxAttempts: 2 })).toBeUndefined(); // not yet
      now = new Date('2025-05-27T04:06:00Z');
      expect(await storage.claimPost(s.id, '2025-05-27', { maxAttempts: 2 })).toEqual({ attempt: 2 });
      await storage.recordFailure(s.id, { error: '503', date: '2025-05-27', transient: true, retryAt: new Date('2025-05-27T04:10:00Z') });
      now = new Date('2025-05-27T04:11:00Z');
      expect(await storage.claimPost(s.id, '2025-05-27', { maxAttempts: 2 })).toBeUndefined(); // out of attempts
      expect(await storage.recordFailure(s.id, { error: 'Missing Access' })).toBe(1);
      expect(storage.read().subscriptions[0]).toMatchObject({ failures: 1, lastError: { message: 'Missing Access' } });
    });

    it('settles a claim left by another owner once, when two instances try at once', async () => {
      const { storage } = await backend.open();
      const s = await storage.addSubscription(sub('C1'));
      await storage.claimPost(s.id, '2025-05-27', { owner: 'dead', leaseUntil: new Date(Date.now() - 1000) });
      expect(await storage.renewClaim(s.id, '2025-05-27', 'someone-else', new Date())).toBe(false);
      const settled = await Promise.all([
        storage.settleClaim(s.id, '2025-05-27', 'dead', { outcome: 'unconfirmed', note: 'owner gone' }),
        storage.settleClaim(s.id, '2025-05-27', 'dead', { outcome: 'retry', note: 'owner gone', retryAt: new Date() }),
      ]);
      expect(settled.filter(Boolean)).toHaveLength(1);
      expect(await storage.settleClaim(s.id, '2025-05-27', 'dead', { outcome: 'posted', messageId: 'M' })).toBe(false);
      expect(['unconfirmed', 'failed']).toContain(storage.read().posts[0]!.status);
    });

    it('pauses, tells, resumes with new settings, and records an unconfirmed day without downgrading a posted one', async () => {
      // The clock sits on the posts' days: PostgreSQL's snapshot holds only recent days.
      const { storage } = await backend.open(() => new Date('2025-05-29T06:00:00Z'));
      const s = await storage.addSubscription(sub('C1'));
      expect((await storage.pauseSubscription(s.id, 'gone: 404'))?.paused).toBe(true);
      expect(await storage.pauseSubscription(s.id, 'again')).toBeUndefined();
      await storage.markPauseNoticeSent(s.id);
      expect(storage.read().subscriptions[0]).toMatchObject({ paused: true, pausedReason: 'gone: 404', pauseNoticeSent: true });
      expect(await storage.claimPost(s.id, '2025-05-27')).toBeUndefined();
      const resumed = await storage.resumeSubscription(s.id, { language: 'ur', time: '21:30', zone: 'Europe/London', createdBy: 'U2' });
      expect(resumed).toMatchObject({ paused: false, language: 'ur', time: '21:30' });
      expect(resumed.pausedReason).toBeUndefined();
      await storage.recordPost(s.id, { date: '2025-05-28', messageId: 'M' });
      await storage.recordUnconfirmed(s.id, '2025-05-28', 'restart');
      await storage.recordUnconfirmed(s.id, '2025-05-29', 'restart');
      expect(storage.read().posts.map((p) => [p.date, p.status]).sort()).toEqual([
        ['2025-05-28', 'posted'],
        ['2025-05-29', 'unconfirmed'],
      ]);
    });

    it('keeps the review queue consistent: drafts added once, edits and decisions on the version they saw, one approval publishes once', async () => {
      const { storage } = await backend.open();
      expect(await storage.addDrafts([{ id: 'd1', data: { claims: [1] } }, { id: 'd2', data: {} }])).toEqual(['d1', 'd2']);
      expect(await storage.addDrafts([{ id: 'd1', data: { other: true } }, { id: 'd3', data: {} }])).toEqual(['d3']);
      expect((await storage.getDraft('d1'))?.data).toEqual({ claims: [1] });
      const edited = await storage.updateDraft('d1', 1, { claims: [1, 2] });
      expect(edited).toMatchObject({ version: 2, status: 'pending', data: { claims: [1, 2] } });
      await expect(storage.updateDraft('d1', 1, {})).rejects.toBeInstanceOf(StaleDraftError);
      const publish = { incidentId: 'inc-1', data: { id: 'inc-1' }, draftId: 'd1', publishedBy: 'discord:U1' };
      const decisions = await Promise.allSettled([
        storage.decideDraft('d1', 2, { status: 'approved', data: { by: 'a' }, publish }),
        storage.decideDraft('d1', 2, { status: 'approved', data: { by: 'b' }, publish }),
        storage.decideDraft('d1', 2, { status: 'rejected', data: { by: 'c' } }),
      ]);
      expect(decisions.filter((d) => d.status === 'fulfilled')).toHaveLength(1);
      expect(decisions.filter((d) => d.status === 'rejected').every((d) => (d as PromiseRejectedResult).reason instanceof StaleDraftError)).toBe(true);
      const published = await storage.publishedSince(0);
      expect(published.length).toBeLessThanOrEqual(1);
      const d1 = await storage.getDraft('d1');
      expect(d1).toMatchObject({ version: 3 });
      expect(published.length).toBe(d1!.status === 'approved' ? 1 : 0);
      await storage.decideDraft('d2', 1, { status: 'approved', data: {}, publish: { incidentId: 'inc-2', data: { id: 'inc-2' }, publishedBy: 'cli' } });
      const all = await storage.publishedSince(0);
      expect(all.map((p) => p.incidentId)).toEqual([...(published.length ? ['inc-1'] : []), 'inc-2']);
      expect(all.every((p, i) => i === 0 || p.seq > all[i - 1]!.seq)).toBe(true);
      expect(await storage.publishedSince(all.at(-1)!.seq)).toEqual([]);
      expect((await storage.listDrafts({ status: 'pending' })).map((d) => d.id)).toEqual(['d3']);
    });

    it('marks each ingestion key new exactly once, even when marks race, and keeps source state', async () => {
      const { storage } = await backend.open();
      const [a, b] = await Promise.all([storage.markSeen(['u1', 'u2', 'u2']), storage.markSeen(['u2', 'u3'])]);
      expect([...a, ...b].sort()).toEqual(['u1', 'u2', 'u3']);
      expect(await storage.seen(['u1', 'u9', 'u3'])).toEqual(['u1', 'u3']);
      expect(await storage.getSourceState('cisa')).toBeUndefined();
      await storage.setSourceState('cisa', { etag: '"x"', failures: 2 });
      expect(await storage.getSourceState('cisa')).toEqual({ etag: '"x"', failures: 2 });
    });

    it('stores Slack installations by team or enterprise', async () => {
      const { storage } = await backend.open();
      await storage.saveInstallation('T1', { team: { id: 'T1' }, bot: { token: 'xoxb-1' } });
      await storage.saveInstallation('T1', { team: { id: 'T1' }, bot: { token: 'xoxb-2' } });
      expect(await storage.fetchInstallation('T1')).toEqual({ team: { id: 'T1' }, bot: { token: 'xoxb-2' } });
      await storage.deleteInstallation('T1');
      expect(await storage.fetchInstallation('T1')).toBeUndefined();
    });

    it('round-trips Bolt installations through the Slack installation store: team and org-wide keys, delete, restart', async () => {
      const { storage, again } = await backend.open();
      const logs: string[] = [];
      const logger = { debug: () => undefined, info: (...m: unknown[]) => logs.push(m.join(' ')), warn: (...m: unknown[]) => logs.push(m.join(' ')), error: (...m: unknown[]) => logs.push(m.join(' ')), setLevel: () => undefined, getLevel: () => LogLevel.INFO, setName: () => undefined };
      const installs = new SlackInstallations(storage, logger);
      const team: Installation = { team: { id: 'T1', name: 'One' }, enterprise: undefined, user: { id: 'U1', token: undefined, scopes: undefined }, bot: { id: 'B1', userId: 'UB1', token: 'xoxb-team-one', scopes: ['commands'] }, isEnterpriseInstall: false, appId: 'A1', authVersion: 'v2', tokenType: 'bot' };
      const org: Installation<'v2', true> = { team: undefined, enterprise: { id: 'E9', name: 'Org' }, user: { id: 'U9', token: undefined, scopes: undefined }, bot: { id: 'B9', userId: 'UB9', token: 'xoxb-org-nine', scopes: ['commands'] }, isEnterpriseInstall: true, appId: 'A1', authVersion: 'v2', tokenType: 'bot' };
      const store = installs.boltStore();
      await store.storeInstallation(team);
      await store.storeInstallation(org);
      // The keys are the storage's own: "T<team>" for a workspace, "E<enterprise>" for an org-wide install.
      expect(await storage.fetchInstallation('T1')).toEqual(JSON.parse(JSON.stringify(team)));
      expect(await storage.fetchInstallation('E9')).toEqual(JSON.parse(JSON.stringify(org)));
      expect(await storage.fetchInstallation('T2')).toBeUndefined();
      // Bolt's queries: a workspace's own install; a workspace of an org-wide install finds the org's.
      expect((await store.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe('xoxb-team-one');
      expect((await store.fetchInstallation({ teamId: 'T5', enterpriseId: 'E9', isEnterpriseInstall: true })).bot?.token).toBe('xoxb-org-nine');
      await expect(store.fetchInstallation({ teamId: 'T2', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toBeInstanceOf(NotInstalledError);
      await expect(store.fetchInstallation({ teamId: 'T2', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toBeInstanceOf(NotInstalledError);
      expect(logs.filter((l) => l.includes('workspace T2')).length).toBe(1);
      // The poster knows only the workspace: T1 directly, T5 through the pointer the org's request left.
      expect(await installs.botTokenOf('T1')).toBe('xoxb-team-one');
      const deadline = Date.now() + 10_000;
      while ((await installs.botTokenOf('T5')) === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(await installs.botTokenOf('T5')).toBe('xoxb-org-nine');
      expect(await installs.botTokenOf('T2')).toBeUndefined();
      // Kept across a restart, then deleted by key.
      await storage.close();
      const reopened = await again();
      cleanups.push(() => reopened.close());
      expect(await reopened.fetchInstallation('T1')).toEqual(JSON.parse(JSON.stringify(team)));
      const after = new SlackInstallations(reopened, logger);
      await after.boltStore().deleteInstallation!({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
      await after.remove({ enterpriseId: 'E9', isEnterpriseInstall: true });
      expect(await reopened.fetchInstallation('T1')).toBeUndefined();
      expect(await reopened.fetchInstallation('E9')).toBeUndefined();
      expect(await after.botTokenOf('T1')).toBeUndefined();
      expect(await after.botTokenOf('T5')).toBeUndefined();
      expect(logs.join('\n')).not.toMatch(/xoxb-/);
    });

    it('follows a target once per channel, even when follows race, up to the channel’s limit', async () => {
      const { storage } = await backend.open();
      const results = await Promise.allSettled([storage.addFollow(follow('C1', 'apt28'), FOLLOW_OPTS), storage.addFollow(follow('C1', 'apt28'), FOLLOW_OPTS)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateFollowError);
      // Five racing follows against a limit of three: exactly two more get in.
      const limited = await Promise.allSettled(['a', 'b', 'c', 'd', 'e'].map((t) => storage.addFollow(follow('C1', t), { ...FOLLOW_OPTS, maxPerChannel: 3 })));
      expect(limited.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
      expect(limited.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof FollowLimitError)).toBe(true);
      await storage.addFollow(follow('C2', 'apt28', { platform: 'slack', kind: 'state' }), { ...FOLLOW_OPTS, language: 'ur' });
      expect((await storage.listFollows({ platform: 'discord', channel: 'C1' })).map((f) => f.target).sort()).toHaveLength(3);
      expect(await storage.listFollows({ platform: 'slack' })).toEqual([expect.objectContaining({ channel: 'C2', kind: 'state', names: ['APT28'], createdBy: 'U1' })]);
      expect((await storage.listAlertChannels()).map((c) => [c.platform, c.channel, c.language, c.paused])).toEqual([
        ['discord', 'C1', 'en', false],
        ['slack', 'C2', 'ur', false],
      ]);
      // A later follow keeps the channel's language unless one is chosen.
      await storage.addFollow(follow('C2', 'china', { platform: 'slack' }), FOLLOW_OPTS);
      expect((await storage.listAlertChannels('slack'))[0]!.language).toBe('ur');
      await storage.addFollow(follow('C2', 'india', { platform: 'slack' }), { ...FOLLOW_OPTS, language: 'en' });
      expect((await storage.listAlertChannels('slack'))[0]!.language).toBe('en');
    });

    it('unfollows only for the follow’s own workspace, and moves a follow to a merged actor’s id', async () => {
      const { storage } = await backend.open();
      const { follow: f } = await storage.addFollow(follow('C1', 'strontium'), FOLLOW_OPTS);
      await storage.addFollow(follow('C1', 'apt29'), FOLLOW_OPTS);
      expect(await storage.removeFollow('discord', 'C1', 'apt29', 'G-OTHER')).toBeUndefined();
      expect((await storage.removeFollow('discord', 'C1', 'apt29', 'G1'))?.target).toBe('apt29');
      expect(await storage.removeFollow('discord', 'C1', 'apt29')).toBeUndefined();
      expect(await storage.retargetFollow(f.id, 'apt28', ['Strontium', 'APT28'])).toMatchObject({ id: f.id, target: 'apt28', names: ['Strontium', 'APT28'] });
      expect((await storage.listFollows()).map((x) => x.target)).toEqual(['apt28']);
      // Merged into something the channel already follows: the duplicate goes.
      const { follow: g } = await storage.addFollow(follow('C1', 'fancy-bear'), FOLLOW_OPTS);
      expect(await storage.retargetFollow(g.id, 'apt28', ['Fancy Bear'])).toBeUndefined();
      expect((await storage.listFollows()).map((x) => x.target)).toEqual(['apt28']);
    });

    it('notes curated claims once, even when two instances note them at once, and keeps the baseline apart', async () => {
      let now = new Date('2025-05-27T04:00:00Z');
      const { storage } = await backend.open(() => now);
      expect(await storage.hasNotedClaims()).toBe(false);
      expect((await storage.noteClaims(['i/a', 'i/b'], { baseline: true })).sort()).toEqual(['i/a', 'i/b']);
      expect(await storage.hasNotedClaims()).toBe(true);
      now = new Date('2025-05-27T05:00:00Z');
      const [x, y] = await Promise.all([storage.noteClaims(['i/a', 'i/c', 'i/d'], { baseline: false }), storage.noteClaims(['i/c', 'i/d'], { baseline: false })]);
      expect([...x, ...y].sort()).toEqual(['i/c', 'i/d']);
      expect(await storage.notedClaimsSince(new Date('2025-05-27T04:30:00Z'))).toEqual([
        { key: 'i/c', at: '2025-05-27T05:00:00.000Z' },
        { key: 'i/d', at: '2025-05-27T05:00:00.000Z' },
      ]);
      expect(await storage.notedClaimsSince(new Date('2025-05-27T05:00:01Z'))).toEqual([]);
    });

    it('claims each claim for a channel once when twenty claims race, and settles a batch once', async () => {
      const now = new Date('2025-05-27T04:00:00Z');
      const { storage } = await backend.open(() => now);
      await storage.addFollow(follow('C1', 'apt28'), FOLLOW_OPTS);
      const opts = (owner: string): DeliveryClaimOptions => ({ owner, leaseUntil: new Date(now.getTime() + 60_000), maxPerHour: 6, maxAttempts: 5 });
      const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => storage.claimDeliveries('discord', 'C1', ['inc/c1', 'inc/c2'], opts(`i${i}`))));
      const won = claims.filter((c) => c.claim);
      expect(won).toHaveLength(1);
      expect(won[0]!.claim).toMatchObject({ claimKeys: ['inc/c1', 'inc/c2'], attempt: 1, batch: expect.stringMatching(/^[0-9a-f]{25}$/) });
      const batch = won[0]!.claim!.batch;
      const owner = `i${claims.indexOf(won[0]!)}`;
      expect(await storage.claimDeliveries('discord', 'C1', ['inc/c1'], opts('late'))).toEqual({});
      expect(await storage.claimDeliveries('discord', 'C-UNKNOWN', ['inc/c1'], opts('x'))).toEqual({});
      expect((await storage.settleDeliveries('discord', 'C1', batch, 'someone-else', { outcome: 'posted', messageId: 'M' })).settled).toBe(false);
      const settled = await Promise.all([
        storage.settleDeliveries('discord', 'C1', batch, owner, { outcome: 'posted', messageId: 'M1' }),
        storage.settleDeliveries('discord', 'C1', batch, owner, { outcome: 'unconfirmed', note: 'x' }),
      ]);
      expect(settled.filter((r) => r.settled)).toHaveLength(1);
      const rows = await storage.listDeliveries({ platform: 'discord', channel: 'C1' });
      expect(rows.map((r) => [r.claimKey, r.batch, r.status === 'posted' ? r.messageId : r.status])).toEqual(
        rows[0]!.status === 'posted' ? [['inc/c1', batch, 'M1'], ['inc/c2', batch, 'M1']] : [['inc/c1', batch, 'unconfirmed'], ['inc/c2', batch, 'unconfirmed']],
      );
      // A new claim goes out in a batch of its own.
      const next = await storage.claimDeliveries('discord', 'C1', ['inc/c1', 'inc/c2', 'inc/c3'], opts('i0'));
      expect(next.claim).toMatchObject({ claimKeys: ['inc/c3'], attempt: 1 });
      expect(next.claim!.batch).not.toBe(batch);
    });

    it('holds a channel to its posts an hour, retries a failed batch whole under its key, and pauses and resumes a channel', async () => {
      let now = new Date('2025-05-27T04:00:00Z');
      const { storage } = await backend.open(() => now);
      await storage.addFollow(follow('C1', 'apt28'), FOLLOW_OPTS);
      const opts: DeliveryClaimOptions = { owner: 'me', leaseUntil: new Date('2025-05-27T05:00:00Z'), maxPerHour: 2, maxAttempts: 3 };
      const first = (await storage.claimDeliveries('discord', 'C1', ['i/1'], opts)).claim!;
      await storage.settleDeliveries('discord', 'C1', first.batch, 'me', { outcome: 'posted', messageId: 'M1' });
      now = new Date('2025-05-27T04:10:00Z');
      const second = (await storage.claimDeliveries('discord', 'C1', ['i/1', 'i/2'], opts)).claim!;
      await storage.settleDeliveries('discord', 'C1', second.batch, 'me', { outcome: 'posted', messageId: 'M2' });
      now = new Date('2025-05-27T04:20:00Z');
      // Two posts in the last hour: the third waits until the first leaves the window.
      const held = await storage.claimDeliveries('discord', 'C1', ['i/3', 'i/4'], opts);
      expect(held.claim).toBeUndefined();
      expect(held.waitUntil!.getTime()).toBeGreaterThan(Date.parse('2025-05-27T05:00:00Z'));
      expect(held.waitUntil!.getTime()).toBeLessThan(Date.parse('2025-05-27T05:00:02Z'));
      now = new Date(held.waitUntil!.getTime());
      const third = (await storage.claimDeliveries('discord', 'C1', ['i/3', 'i/4'], opts)).claim!;
      expect(third.claimKeys).toEqual(['i/3', 'i/4']);
      // Forbidden: counted, retried at its time as the same batch, with the same key.
      const failed = await storage.settleDeliveries('discord', 'C1', third.batch, 'me', { outcome: 'failed', error: 'forbidden: 403', retryAt: new Date(now.getTime() + 60_000), channelFault: true });
      expect(failed).toEqual({ settled: true, failures: 1 });
      expect((await storage.claimDeliveries('discord', 'C1', ['i/3', 'i/4'], opts)).claim).toBeUndefined();
      now = new Date(now.getTime() + 61_000);
      const retry = (await storage.claimDeliveries('discord', 'C1', ['i/3', 'i/4', 'i/5'], opts)).claim!;
      expect(retry).toEqual({ batch: third.batch, claimKeys: ['i/3', 'i/4'], attempt: 2 });
      expect((await storage.settleDeliveries('discord', 'C1', retry.batch, 'me', { outcome: 'failed', error: 'forbidden: 403', channelFault: true })).failures).toBe(2);
      expect((await storage.pauseAlertChannel('discord', 'C1', 'forbidden: 403'))?.paused).toBe(true);
      expect(await storage.pauseAlertChannel('discord', 'C1', 'again')).toBeUndefined();
      await storage.markAlertPauseNoticeSent('discord', 'C1');
      expect((await storage.listAlertChannels())[0]).toMatchObject({ paused: true, pausedReason: 'forbidden: 403', pauseNoticeSent: true, failures: 2 });
      now = new Date(now.getTime() + 2 * 3_600_000);
      expect(await storage.claimDeliveries('discord', 'C1', ['i/5'], opts)).toEqual({});
      // A follow in the paused channel resumes it and drops its failed rows.
      const { resumed, channel } = await storage.addFollow(follow('C1', 'china', { kind: 'state' }), FOLLOW_OPTS);
      expect(resumed).toBe(true);
      expect(channel).toMatchObject({ paused: false, failures: 0, resumedAt: now.toISOString() });
      expect((await storage.listDeliveries({ status: 'failed' }))).toEqual([]);
      expect((await storage.claimDeliveries('discord', 'C1', ['i/5'], opts)).claim?.claimKeys).toEqual(['i/5']);
      expect((await storage.listDeliveries({ status: 'claimed' })).map((d) => [d.claimKey, d.owner])).toEqual([['i/5', 'me']]);
    });

    it('keeps everything across a restart', async () => {
      const { storage, again } = await backend.open();
      const s = await storage.addSubscription(sub('C1', { filter: { actors: ['apt28'], states: [] } }));
      // A recent day: the snapshot the scheduler plans from holds the last days of the log.
      await storage.recordPost(s.id, { date: new Date().toISOString().slice(0, 10), messageId: 'M1' });
      await storage.addDrafts([{ id: 'd1', data: { x: 1 } }]);
      await storage.markSeen(['k']);
      await storage.addFollow(follow('C1', 'apt28'), { ...FOLLOW_OPTS, language: 'ur' });
      const alert = (await storage.claimDeliveries('discord', 'C1', ['i/1'], { owner: 'me', leaseUntil: new Date(Date.now() + 60_000), maxPerHour: 6, maxAttempts: 5 })).claim!;
      await storage.noteClaims(['i/1'], { baseline: true });
      await storage.close();
      const reopened = await again();
      await reopened.refresh();
      expect(reopened.listSubscriptions()).toEqual([expect.objectContaining({ id: s.id, filter: { actors: ['apt28'], states: [] } })]);
      expect(reopened.read().posts).toEqual([expect.objectContaining({ status: 'posted', messageId: 'M1' })]);
      expect((await reopened.getDraft('d1'))?.data).toEqual({ x: 1 });
      expect(await reopened.seen(['k'])).toEqual(['k']);
      expect(await reopened.listFollows()).toEqual([expect.objectContaining({ channel: 'C1', target: 'apt28' })]);
      expect(await reopened.listAlertChannels()).toEqual([expect.objectContaining({ channel: 'C1', language: 'ur' })]);
      expect(await reopened.listDeliveries()).toEqual([expect.objectContaining({ claimKey: 'i/1', batch: alert.batch, status: 'claimed', owner: 'me' })]);
      expect(await reopened.hasNotedClaims()).toBe(true);
      expect((await reopened.health()).ok).toBe(true);
    });
  });
}

describe.skipIf(postgresMissing !== undefined)('PostgreSQL: several instances, migrations, faults', () => {
  it('two instances: one claims a slot, the other sees the change at once through NOTIFY', async () => {
    const schema = testSchema('multi');
    cleanups.push(() => dropSchema(schema));
    const a = await PgStorage.open({ url: TEST_DATABASE_URL, schema, pollMs: 0 });
    const b = await PgStorage.open({ url: TEST_DATABASE_URL, schema, pollMs: 0 });
    cleanups.push(() => a.close(), () => b.close());
    const changed = new Promise<string>((resolve) => b.watch(resolve));
    const s = await a.addSubscription(sub('C1'));
    expect(await changed).toBe('subscriptions');
    expect(b.listSubscriptions().map((x) => x.id)).toEqual([s.id]);
    const [x, y] = await Promise.all([a.claimPost(s.id, '2025-05-27', { owner: 'a' }), b.claimPost(s.id, '2025-05-27', { owner: 'b' })]);
    expect([x, y].filter(Boolean)).toHaveLength(1);
  });

  it('a migration that fails half-way leaves nothing behind, and a newer database is refused', async () => {
    const schema = testSchema('migrate');
    cleanups.push(() => dropSchema(schema));
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.end();
    // Every connection of this pool works in the test's schema, never in public.
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1, options: `-c search_path=${schema}` });
    cleanups.push(() => pool.end());
    const broken = [...MIGRATIONS, { version: 99, name: 'broken', sql: 'CREATE TABLE half_done (x int); SELECT this_is_not_sql;' }];
    await expect(migrate(pool, broken)).rejects.toThrow(MigrationError);
    const tables = async () => (await pool.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = $1`, [schema])).rows.map((r) => r.t);
    expect(await tables()).toContain('subscriptions'); // migration 1 went in on its own
    expect(await tables()).toContain('deliveries'); // and 2
    expect(await tables()).not.toContain('half_done');
    expect((await pool.query('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    // The good migrations again: nothing to do. A version the code does not know: refused.
    expect(await migrate(pool)).toEqual([]);
    await pool.query(`INSERT INTO schema_migrations (version, name) VALUES (7, 'from the future')`);
    await expect(migrate(pool)).rejects.toThrow(/migration 7, which this version of ilzam does not know/);
  });

  it('a database that is down at start gives one clear error after retrying; the URL’s password is never in it', async () => {
    const err = await PgStorage.open({ url: 'postgres://ilzam:s3cretPass@127.0.0.1:1/test', connectAttempts: 2, log: () => undefined }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageUnavailableError);
    expect((err as Error).message).toMatch(/^cannot reach PostgreSQL at postgres:\/\/127\.0\.0\.1:1\/test \(ECONNREFUSED\)$/);
    expect((err as Error).message).not.toContain('s3cretPass');
  });

  it('a database lost mid-run: reads keep working from memory, writes fail clearly and change nothing', async () => {
    const schema = testSchema('lost');
    cleanups.push(() => dropSchema(schema));
    // A TCP proxy in front of the server, which the test can cut.
    const target = new URL(TEST_DATABASE_URL);
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => (proxy.listening ? proxy.close(() => r()) : r())));
    const port = (proxy.address() as net.AddressInfo).port;
    const url = new URL(TEST_DATABASE_URL);
    url.host = `127.0.0.1:${port}`;
    const storage = await PgStorage.open({ url: url.toString(), schema, pollMs: 0, connectAttempts: 1, log: () => undefined });
    cleanups.push(() => storage.close());
    const s = await storage.addSubscription(sub('C1'));
    // Cut it: every connection, and no new ones (close() waits for open connections, so they go first).
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((r) => proxy.close(() => r()));
    expect(storage.listSubscriptions().map((x) => x.id)).toEqual([s.id]);
    await expect(storage.addSubscription(sub('C2'))).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(storage.claimPost(s.id, '2025-05-27')).rejects.toBeInstanceOf(StorageUnavailableError);
    expect((await storage.health()).ok).toBe(false);
    expect(storage.listSubscriptions().map((x) => x.channel)).toEqual(['C1']);
  });
});
