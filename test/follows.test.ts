// /follow, /unfollow and /following through the Bot, as the adapters run them, on the file
// backend; the follow targets (names in either script, states covering their groups, a renamed
// actor found again); and the filtered daily digest (/subscribe only:).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSubscribeText } from '../commands/subscribe.ts';
import { parseCommandText } from '../src/core/parse-text.ts';
import { DigestScheduler, digestReply, SubscriptionService } from '../src/digest/index.ts';
import { FollowService, MAX_FOLLOWS_PER_CHANNEL } from '../src/follow/follows.ts';
import { ConfigError, readCoreConfig } from '../src/config.ts';
import { ClaimMatcher, findFollowable, groupsOf, resolveFollowTarget } from '../src/knowledge/follow-targets.ts';
import type { Reply } from '../src/reply/model.ts';
import { openStateStore, type StateStore } from '../src/store/file-storage.ts';
import { weekClaims } from '../src/summary/week.ts';
import { admin, type Who } from './alerts-harness.ts';
import { FakeClock, FakePoster } from './digest-harness.ts';
import { ARABIC, testBot } from './helpers.ts';

const base = testBot();
const kb = base.kb;

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(maxPerChannel?: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-follows-'));
  temps.push(dir);
  const store = await openStateStore({ dir });
  const follows = new FollowService({ store, maxPerChannel, log: () => undefined });
  return { store, follows, bot: base.withServices({ follows }) };
}

const run = (bot: ReturnType<typeof base.withServices>, name: string, who: Who, input: Record<string, string | undefined> = {}) => bot.run(name, { ...(who.lang ? { lang: who.lang } : {}), ...input }, who);
const text = (r: Reply) => [r.title, r.description ?? '', ...r.fields.flatMap((f) => [f.label, ...f.lines]), ...r.suggestions.map((s) => s.label), r.footer ?? ''].join('\n');

describe('what can be followed', () => {
  it('resolves any name of an actor, in either script, to its entity, and says what a state covers', () => {
    for (const name of ['APT28', 'apt 28', 'Fancy Bear', 'Forest Blizzard', 'STRONTIUM', 'اے پی ٹی 28', 'فینسی بئیر']) {
      const found = findFollowable(base, name);
      expect(found.kind === 'found' && found.target, name).toMatchObject({ kind: 'actor', id: 'apt28' });
    }
    const china = findFollowable(base, 'چین');
    expect(china.kind === 'found' && china.target).toMatchObject({ kind: 'state', id: 'china' });
    expect(groupsOf(kb, 'china').length).toBeGreaterThan(5);
    expect(groupsOf(kb, 'china').every((g) => g.party?.state === 'china')).toBe(true);
    const incident = findFollowable(base, 'bundestag hack');
    expect(incident.kind === 'found' && incident.target.kind).toBe('incident');
    expect(findFollowable(base, 'qqqzzzxx').kind).toBe('none');
  });

  it('matches claims by, against, their states and victim states, whatever id a published claim uses', () => {
    const apt28 = new ClaimMatcher(kb, { actors: ['apt28'] });
    const russia = new ClaimMatcher(kb, { states: ['russia'] });
    const china = new ClaimMatcher(kb, { states: ['china'] });
    const ctx = { incidentId: 'x' };
    // A claim naming a party the dataset does not have, by a name the registry knows.
    expect(apt28.matches({ by: 'microsoft', against: ['forest-blizzard'] }, ctx)).toBe(true);
    expect(russia.matches({ by: 'microsoft', against: ['forest-blizzard'] }, ctx)).toBe(true);
    expect(china.matches({ by: 'microsoft', against: ['forest-blizzard'] }, ctx)).toBe(false);
    expect(apt28.matches({ by: 'microsoft', against: ['apt29'] }, ctx)).toBe(false);
    expect(china.matches({ by: 'microsoft', against: ['unknown-group'] }, { incidentId: 'x', victimStates: ['china'] })).toBe(true);
    expect(new ClaimMatcher(kb, { incidents: ['x'] }).matches({ by: 'a', against: [] }, ctx)).toBe(true);
  });

  it('finds a renamed or merged actor again by the names stored with the follow', () => {
    expect(resolveFollowTarget(kb, { kind: 'actor', target: 'strontium-old-id', names: ['STRONTIUM'] })).toMatchObject({ id: 'apt28' });
    expect(resolveFollowTarget(kb, { kind: 'actor', target: 'gone-id', names: ['اے پی ٹی 28'] })).toMatchObject({ id: 'apt28' });
    expect(resolveFollowTarget(kb, { kind: 'incident', target: 'renamed-incident', names: [kb.incidents.get('bundestag-2015')!.title.en] })).toMatchObject({ id: 'bundestag-2015' });
    expect(resolveFollowTarget(kb, { kind: 'actor', target: 'gone-id', names: ['No Such Group Anywhere'] })).toBeUndefined();
  });
});

describe('/follow, /unfollow, /following', () => {
  it('follows APT28 by its Urdu name: answers in Urdu, stores the entity id and its names, and alerts in Urdu', async () => {
    const { store, bot } = await open();
    const reply = await run(bot, 'follow', admin('C1'), { name: 'اے پی ٹی 28' });
    expect(reply).toMatchObject({ kind: 'help', lang: 'ur', ephemeral: true });
    expect(reply.title).toBe('اے پی ٹی 28 (روس) کو فالو کر لیا گیا');
    expect(reply.description).toMatch(/اردو میں، ایک گھنٹے میں زیادہ سے زیادہ 6 الرٹس/);
    const [follow] = await store.listFollows();
    expect(follow).toMatchObject({ platform: 'discord', channel: 'C1', workspace: 'G1', kind: 'actor', target: 'apt28', createdBy: 'U1' });
    expect(follow!.names).toEqual(expect.arrayContaining(['APT28', 'اے پی ٹی 28', 'Forest Blizzard']));
    expect((await store.listAlertChannels())[0]).toMatchObject({ channel: 'C1', language: 'ur' });
    // Another of its names is the same follow.
    const again = await run(bot, 'follow', admin('C1'), { name: 'Fancy Bear' });
    expect(again).toMatchObject({ kind: 'usage', title: 'This channel already follows APT28 (Russia)' });
    // lang: sets the channel's alert language; without it, a later follow keeps it.
    await run(bot, 'follow', admin('C1'), { name: 'sandworm' });
    expect((await store.listAlertChannels())[0]!.language).toBe('ur');
    await run(bot, 'follow', admin('C1'), { name: 'apt29', lang: 'en' });
    expect((await store.listAlertChannels())[0]!.language).toBe('en');
  });

  it('following a state says it covers the groups attributed to it', async () => {
    const { bot } = await open();
    const count = groupsOf(kb, 'china').length;
    const reply = await run(bot, 'follow', admin('C1'), { name: 'China' });
    expect(reply.title).toBe('Following China');
    expect(reply.description).toContain(`Also covers ${count} groups attributed to China (`);
    expect(reply.description).toMatch(/in English, at most 6 alerts an hour/);
    const ur = await run(bot, 'follow', admin('C2'), { name: 'پاکستان' });
    expect(ur.title).toBe('پاکستان کو فالو کر لیا گیا');
    expect(ur.description).toMatch(/پاکستان سے منسوب \d+ ہیکنگ گروپ/);
  });

  it('answers bad input clearly: nothing typed, an unknown name with “did you mean”, the channel’s limit', async () => {
    const { store, bot } = await open(3);
    expect(await run(bot, 'follow', admin('C1'), { name: '  ' })).toMatchObject({ kind: 'usage', title: 'Follow what?' });
    const typo = await run(bot, 'follow', admin('C1'), { name: 'qqqzzzxx' });
    expect(typo).toMatchObject({ kind: 'not-found', title: 'Nothing matched “qqqzzzxx”' });
    // A near miss is followed only when it is close enough to be an answer, and the reply names what was followed.
    const near = await run(bot, 'follow', admin('C9'), { name: 'sandwrom' });
    expect(near.kind === 'help' ? near.title : near.suggestions.map((s) => s.value).join()).toMatch(/Sandworm|sandworm/);
    for (const name of ['apt28', 'china', 'india']) expect((await run(bot, 'follow', admin('C1'), { name })).kind).toBe('help');
    const over = await run(bot, 'follow', admin('C1'), { name: 'pakistan' });
    expect(over).toMatchObject({ kind: 'usage', title: 'This channel already follows 3 things, the most it can' });
    expect(over.description).toContain('/unfollow');
    expect(await store.listFollows({ channel: 'C1' })).toHaveLength(3);
    expect(MAX_FOLLOWS_PER_CHANNEL).toBe(50);
  });

  it('ALERTS_PER_HOUR sets the limit the replies state; a value that cannot work stops start-up', async () => {
    expect(readCoreConfig({}).alertsPerHour).toBe(6);
    expect(readCoreConfig({ ALERTS_PER_HOUR: ' 2 ' }).alertsPerHour).toBe(2);
    for (const bad of ['0', '61', '1.5', 'many']) expect(() => readCoreConfig({ ALERTS_PER_HOUR: bad }), bad).toThrow(ConfigError);
    const { store } = await open();
    const chat = base.withServices({ follows: new FollowService({ store, alertsPerHour: 2, log: () => undefined }) });
    expect((await chat.run('follow', { name: 'apt28' }, admin('C1'))).description).toContain('at most 2 alerts an hour');
  });

  it('refuses whoever may not manage the channel, and anywhere but a channel', async () => {
    const { store, bot } = await open();
    for (const name of ['follow', 'unfollow', 'following']) {
      expect((await run(bot, name, admin('C1', { isAdmin: false }), { name: 'apt28' })).title).toBe(`Only admins can use /${name}`);
      expect((await run(bot, name, admin('C1', { platform: 'slack', isAdmin: false }), { name: 'apt28' })).title).toBe(`Only admins can use /ilzam-${name}`);
      expect((await run(bot, name, admin('D1', { isDirect: true }), { name: 'apt28' })).title).toBe(`/${name} works in a channel`);
    }
    expect(await store.listFollows()).toEqual([]);
    // A bot without the state store (an adapter started alone) says so.
    expect((await base.run('follow', { name: 'apt28' }, admin('C1'))).title).toBe('Follows and alerts are not switched on here');
  });

  it('unfollows by any of the names, lists what a channel follows, and says what it does not', async () => {
    const { store, bot } = await open();
    await run(bot, 'follow', admin('C1'), { name: 'Fancy Bear' });
    await run(bot, 'follow', admin('C1'), { name: 'China' });
    await run(bot, 'follow', admin('C1'), { name: 'bundestag-2015' });
    await run(bot, 'follow', admin('C2'), { name: 'india' });
    const list = await run(bot, 'following', admin('C1'));
    expect(list.title).toBe('Followed in this channel (3 of 50)');
    expect(list.fields.map((f) => f.label)).toEqual(['APT28 (Russia)', 'China', kb.incidents.get('bundestag-2015')!.title.en]);
    expect(text(list)).toMatch(/covers \d+ groups attributed to it/);
    expect(list.description).toMatch(/in English, at most 6 alerts an hour/);
    const notThere = await run(bot, 'unfollow', admin('C1'), { name: 'india' });
    expect(notThere).toMatchObject({ kind: 'usage', title: 'This channel does not follow “india”' });
    expect(notThere.suggestions.map((s) => s.value)).toEqual(['apt28', 'china', 'bundestag-2015']);
    const gone = await run(bot, 'unfollow', admin('C1'), { name: 'Forest Blizzard' });
    expect(gone.title).toBe('Unfollowed APT28 (Russia)');
    expect((await store.listFollows({ channel: 'C1' })).map((f) => f.target)).toEqual(['china', 'bundestag-2015']);
    const ur = await run(bot, 'following', admin('C3', { lang: 'ur' }));
    expect(ur.title).toBe('یہ چینل ابھی کچھ فالو نہیں کر رہا');
    expect(ur.description).toMatch(ARABIC);
  });

  it('a follow whose actor was renamed in the data is still listed and unfollowed by its names', async () => {
    const { store, bot } = await open();
    await store.addFollow({ platform: 'discord', channel: 'C1', kind: 'actor', target: 'strontium-old-id', names: ['STRONTIUM'], createdBy: 'U1' }, { defaultLanguage: 'en', maxPerChannel: 50 });
    const list = await run(bot, 'following', admin('C1'));
    expect(list.fields.map((f) => f.label)).toEqual(['APT28 (Russia)']);
    expect((await run(bot, 'unfollow', admin('C1'), { name: 'apt28' })).title).toBe('Unfollowed APT28 (Russia)');
  });

  it('reads Slack’s free text and offers actors, states and incidents as the name is typed', () => {
    const follow = base.commands.find('follow')!;
    expect(parseCommandText(follow, 'fancy bear lang:ur')).toEqual({ name: 'fancy bear', lang: 'ur' });
    expect(parseCommandText(follow, 'اے پی ٹی 28')).toEqual({ name: 'اے پی ٹی 28' });
    // The Volt Typhoon group and the Volt Typhoon incident share an id: each choice picks its own.
    const suggested = base.suggest('followable', 'volt typhoon');
    expect(suggested.map((s) => s.value)).toEqual(expect.arrayContaining(['volt-typhoon', 'incident:volt-typhoon']));
    for (const choice of suggested.slice(0, 2)) {
      const found = findFollowable(base, choice.value);
      expect(found.kind === 'found' && found.target, choice.value).toMatchObject({ kind: choice.value.startsWith('incident:') ? 'incident' : 'actor', id: 'volt-typhoon' });
    }
    const mixed = base.suggest('followable', '');
    expect(mixed.some((s) => kb.entities.get(s.value)?.kind === 'state')).toBe(true);
    expect(base.suggest('followable', 'bundestag').some((s) => s.value === 'incident:bundestag-2015')).toBe(true);
  });
});

describe('the filtered daily digest', () => {
  it('shows only the claims about the filter’s actors and states, and says so in its header', () => {
    const day = '2024-05-07'; // APT28's SPD campaign (3 May) and the UK MoD payroll denials (7 May)
    const all = weekClaims(kb, day);
    const filtered = weekClaims(kb, day, { actors: ['apt28'], states: ['pakistan'] });
    expect(filtered.recent.length).toBeGreaterThan(0);
    expect(filtered.recent.length).toBeLessThan(all.recent.length);
    const apt28 = new ClaimMatcher(kb, { actors: ['apt28'], states: ['pakistan'] });
    for (const ref of [...filtered.recent, ...filtered.archive]) expect(apt28.matches(ref.claim, { incidentId: ref.incident.id, victimStates: ref.incident.victimStates }), ref.claim.id).toBe(true);
    const reply = digestReply(kb, day, 'en', { actors: ['apt28'], states: ['pakistan'] });
    expect(reply.title).toBe('This week in attribution — APT28, Pakistan: 7 May 2024');
    expect(reply.description).toBe('Only claims about APT28, Pakistan.');
    const lines = reply.fields[0]!.lines.join('\n');
    expect(lines).toContain('APT28');
    expect(lines).not.toMatch(/payroll|Lin Jian/);
    expect(digestReply(kb, day, 'ur', { actors: ['apt28'], states: [] }).title).toBe('سائبر الزامات کا ہفتہ وار جائزہ — اے پی ٹی 28: 1 تا 7 مئی 2024');
    // An empty filtered week names the newest claim about the filter, not the dataset's newest.
    const quiet = digestReply(kb, '2024-05-25', 'en', { actors: ['apt28'], states: [] });
    const latest = quiet.fields.find((f) => f.label === 'Latest in the dataset');
    if (latest) expect(latest.lines[0]).toContain('APT28');
  });

  it('/subscribe only: stores the filter by entity id, and the daily post is filtered', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-filter-'));
    temps.push(dir);
    const clock = new FakeClock('2024-05-06T20:00:00Z'); // 7 May, 01:00 in Karachi
    const store: StateStore = await openStateStore({ dir, now: clock.now });
    const poster = new FakePoster('discord', clock);
    const scheduler = new DigestScheduler({ store, kb, posters: [poster], clock, log: () => undefined });
    const service = new SubscriptionService({ store, defaultZone: 'Asia/Karachi', now: clock.now, log: () => undefined });
    const chat = base.withServices({ subscriptions: service });
    const reply = await chat.run('subscribe', { only: 'Fancy Bear, Pakistan' }, admin('C1'));
    expect(reply.title).toBe('Subscribed to the daily digest');
    expect(reply.description).toContain('only the claims about APT28, Pakistan');
    expect(store.listSubscriptions()[0]!.filter).toEqual({ actors: ['apt28'], states: ['pakistan'] });
    await chat.run('subscribe', {}, admin('C2'));
    const bad = await chat.run('subscribe', { only: 'APT28, qqqzzzxx' }, admin('C3'));
    expect(bad).toMatchObject({ kind: 'not-found', title: 'Nothing matched “qqqzzzxx”' });
    expect(store.listSubscriptions().map((s) => s.channel)).toEqual(['C1', 'C2']);

    await scheduler.start();
    await clock.runUntil('2024-05-07T04:10:00Z', scheduler); // the platform's queue posts one channel after another
    await scheduler.stop();
    const [filtered] = poster.in('C1');
    const [full] = poster.in('C2');
    expect(filtered!.reply.title).toBe('This week in attribution — APT28, Pakistan: 7 May 2024');
    expect(full!.reply.title).toBe('This week in attribution: 7 May 2024');
    const recent = (r: Reply) => r.fields[0]!.lines;
    expect(recent(filtered!.reply).length).toBeLessThan(recent(full!.reply).length);
    expect(recent(filtered!.reply).every((l) => l.includes('APT28'))).toBe(true);
    await store.close();
  });

  it('reads only: from Slack’s free text up to the next named option', () => {
    expect(parseSubscribeText('ur 21:30 only:Fancy Bear, پاکستان')).toEqual({ lang: 'ur', time: '21:30', only: 'Fancy Bear, پاکستان' });
    expect(parseSubscribeText('only: APT28 , India time:08:00 Asia/Karachi')).toEqual({ only: 'APT28 , India', time: '08:00', zone: 'Asia/Karachi' });
  });
});
