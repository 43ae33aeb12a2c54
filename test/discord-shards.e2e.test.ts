// Discord sharding end to end: the real discord.js client with its internal sharding against
// the Discord fake, which recommends a shard count, takes one gateway connection per shard and
// sends each server's events over its own shard. Then two instances sharing one PostgreSQL
// database, each holding one of two shards (DISCORD_SHARD_IDS): every server's digest is
// posted once, by the instance that holds that server's shard.
import { once } from 'node:events';
import { Events } from 'discord.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readDiscordConfig } from '../src/adapters/discord/config.ts';
import { startDiscord } from '../src/adapters/discord/index.ts';
import { shardOf, shardOwnership } from '../src/adapters/discord/sharding.ts';
import { readConfig, startPlatforms, type RunningPlatforms } from '../src/app/platforms.ts';
import { ConfigError } from '../src/config.ts';
import { FakeClock } from './digest-harness.ts';
import { DiscordFake } from './fakes/discord-fake.ts';
import { testBot } from './helpers.ts';
import { dropSchema, postgresMissing, TEST_DATABASE_URL, testSchema } from './pg-helpers.ts';

const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMg.GfAkE1.fake-token-for-tests-only-0123456789abcd';
const bot = testBot();

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

describe('DISCORD_SHARDS, DISCORD_SHARD_IDS and DISCORD_SHARD_COUNT', () => {
  const read = (env: Record<string, string>) => readDiscordConfig({ DISCORD_TOKEN: TOKEN, ...env })?.shards;

  it('unset is one connection; auto and a number hold every shard; ids with a count hold a part', () => {
    expect(read({})).toBeUndefined();
    expect(read({ DISCORD_SHARDS: 'auto' })).toBe('auto');
    expect(read({ DISCORD_SHARDS: 'AUTO' })).toBe('auto');
    expect(read({ DISCORD_SHARDS: '3' })).toEqual({ count: 3, ids: [0, 1, 2] });
    expect(read({ DISCORD_SHARD_IDS: '3, 1,1', DISCORD_SHARD_COUNT: '4' })).toEqual({ count: 4, ids: [1, 3] });
  });

  it.each([
    [{ DISCORD_SHARDS: '0' }, /DISCORD_SHARDS must be "auto" or a whole number/],
    [{ DISCORD_SHARDS: 'two' }, /DISCORD_SHARDS must be/],
    [{ DISCORD_SHARDS: '2', DISCORD_SHARD_IDS: '0' }, /not both/],
    [{ DISCORD_SHARD_IDS: '0' }, /go together/],
    [{ DISCORD_SHARD_COUNT: '2' }, /go together/],
    [{ DISCORD_SHARD_IDS: '0,2', DISCORD_SHARD_COUNT: '2' }, /shard 2 does not exist with DISCORD_SHARD_COUNT=2/],
    [{ DISCORD_SHARD_IDS: '-1', DISCORD_SHARD_COUNT: '2' }, /DISCORD_SHARD_IDS must be a whole number/],
    [{ DISCORD_SHARD_IDS: ' , ', DISCORD_SHARD_COUNT: '2' }, /at least one shard id/],
  ])('%j is refused with a line that says what to fix', (env, message) => {
    expect(() => read(env)).toThrow(ConfigError);
    expect(() => read(env)).toThrow(message);
  });

  it('the start-up line names the shards', () => {
    const config = readConfig({ DISCORD_TOKEN: TOKEN, DISCORD_SHARD_IDS: '1', DISCORD_SHARD_COUNT: '2' });
    expect(config.platforms.discord).toMatchObject({ shards: { count: 2, ids: [1] } });
  });
});

describe('which instance posts for a server', () => {
  it('a server belongs to shard (id >> 22) % count, as Discord routes its events; no server, or none recorded, is shard 0', () => {
    for (const count of [1, 2, 5]) {
      for (let shard = 0; shard < count; shard++) {
        expect(shardOf(DiscordFake.guildOnShard(shard, count), count)).toBe(shard);
        expect(shardOf(DiscordFake.guildOnShard(shard, count, 7), count)).toBe(shard);
      }
    }
    expect(shardOf(undefined, 4)).toBe(0);
    expect(shardOf('not-a-snowflake', 4)).toBe(0);
  });

  it('holding every shard needs no check; holding a part owns only those servers', () => {
    expect(shardOwnership({ ids: [0], count: 1 })).toBeUndefined();
    expect(shardOwnership({ ids: [1, 0], count: 2 })).toBeUndefined();
    const owns = shardOwnership({ ids: [1], count: 2 })!;
    const onShard = (shard: number) => ({ platform: 'discord', channel: '1200000000000000001', workspace: DiscordFake.guildOnShard(shard, 2) });
    expect(owns(onShard(1))).toBe(true);
    expect(owns(onShard(0))).toBe(false);
    // An older subscription without its server is shard 0's holder's.
    expect(owns({ platform: 'discord', channel: '1200000000000000001' })).toBe(false);
    expect(shardOwnership({ ids: [0], count: 2 })!({ platform: 'discord', channel: '1200000000000000001' })).toBe(true);
  });
});

describe("discord.js's internal sharding against the fake", () => {
  it("shards: 'auto' opens one gateway connection per recommended shard, gets each shard's servers, and answers an interaction arriving on either", async () => {
    const guilds = [DiscordFake.guildOnShard(0, 2), DiscordFake.guildOnShard(1, 2), DiscordFake.guildOnShard(1, 2, 1)];
    const fake = await DiscordFake.start({ token: TOKEN, shards: 2, maxConcurrency: 2, guilds });
    cleanup.push(() => fake.close());
    const logs: string[] = [];
    const discord = await startDiscord(bot, { token: TOKEN, apiUrl: fake.apiUrl, shards: 'auto' }, { logger: (line) => logs.push(line) });
    cleanup.push(() => discord.stop());

    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(fake.connectedShards).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(discord.client.ws.shards.size).toBe(2);
    expect([...discord.client.guilds.cache.keys()].sort()).toEqual([...guilds].sort());
    expect(discord.client.guilds.cache.get(guilds[0]!)!.shardId).toBe(0);
    expect(discord.client.guilds.cache.get(guilds[1]!)!.shardId).toBe(1);
    // One process holds every shard, so every channel is its own to post to.
    expect(discord.poster.owns).toBeUndefined();
    expect(logs.some((l) => /connected as .*; shards 0,1 of 2/.test(l))).toBe(true);

    for (const guild of guilds) {
      const sent = fake.slashCommand('help', [], { guild_id: guild });
      const callback = await fake.callbackFor(sent);
      expect(callback.body.type).toBe(4);
      expect(callback.body.data.embeds.length).toBeGreaterThan(0);
    }
    // A DM arrives over shard 0 and is answered too.
    const dm = fake.slashCommand('help', [], { guild_id: null, member: undefined, user: fake.member('0').user, channel: { id: fake.channelId, type: 1 }, context: 1 });
    expect((await fake.callbackFor(dm)).body.type).toBe(4);
    // Each answered once: the fake sent each interaction over one connection only.
    const answers = fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/interactions/'));
    expect(answers).toHaveLength(guilds.length + 1);

    // Health: up while both shards are; one shard closed for good (4004: the client does not
    // retry) makes it down, although discord.js still calls the client ready.
    expect(discord.connected!()).toBe(true);
    const disconnected = once(discord.client, Events.ShardDisconnect);
    fake.dropShard(1, 4004);
    expect((await disconnected)[1]).toBe(1);
    expect(discord.client.isReady()).toBe(true);
    expect(discord.connected!()).toBe(false);

    await discord.stop();
    await fake.waitForNoConnections();
  });

  it('without a setting the client opens one connection, shard 0 of 1, as before', async () => {
    const fake = await DiscordFake.start({ token: TOKEN });
    cleanup.push(() => fake.close());
    const discord = await startDiscord(bot, { token: TOKEN, apiUrl: fake.apiUrl }, { logger: () => undefined });
    cleanup.push(() => discord.stop());
    expect(fake.identifies.map((i) => i.shard)).toEqual([[0, 1]]);
    expect(discord.poster.owns).toBeUndefined();
  });
});

describe.skipIf(postgresMissing)('two instances splitting two shards over one PostgreSQL database', () => {
  const schema = testSchema('ilzam_shards');
  afterAll(() => dropSchema(schema));

  it("posts each server's digest once, from the instance that holds the server's shard", async () => {
    // Two servers on each shard, one subscribed channel in each.
    const guilds = [DiscordFake.guildOnShard(0, 2), DiscordFake.guildOnShard(0, 2, 1), DiscordFake.guildOnShard(1, 2), DiscordFake.guildOnShard(1, 2, 1)];
    const channelOf = (guild: string) => `13${guild.slice(2)}`;
    const fake = await DiscordFake.start({ token: TOKEN, shards: 2, guilds });
    cleanup.push(() => fake.close());

    const instances: { running: RunningPlatforms; clock: FakeClock; logs: string[] }[] = [];
    for (const ids of ['0', '1']) {
      const config = readConfig({
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_SHARD_IDS: ids,
        DISCORD_SHARD_COUNT: '2',
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: schema,
      });
      // Shortly before the default 09:00 (Asia/Karachi) slot, 04:00 UTC.
      const clock = new FakeClock('2025-05-27T03:50:00Z');
      const logs: string[] = [];
      const running = await startPlatforms(bot, config, {
        clock,
        handleSignals: false,
        log: (level, line) => logs.push(`${level}: ${line}`),
        // Fewer timer runs (each reads the database) while the clock is moved over hours.
        tuning: { recoverEveryMs: 30 * 60_000 },
        alertTuning: { pollMs: 30 * 60_000 },
        platformOptions: { discord: { deferAfterMs: 10_000, logger: (line: string) => logs.push(line) } },
      });
      cleanup.push(() => running.stop());
      instances.push({ running, clock, logs });
    }
    const [first, second] = instances as [(typeof instances)[0], (typeof instances)[0]];
    expect(fake.connectedShards).toEqual([
      [0, 2],
      [1, 2],
    ]);

    // An admin subscribes a channel in each server; the command arrives at the instance holding the server's shard.
    for (const guild of guilds) {
      const channel = channelOf(guild);
      const sent = fake.slashCommand('subscribe', [], { guild_id: guild, channel_id: channel, channel: { id: channel, type: 0, guild_id: guild, name: 'digest' }, member: fake.member('32') });
      expect((await fake.callbackFor(sent)).body.data.embeds[0].title).toContain('Subscribed');
    }
    await first.running.digest.store.refresh();
    await second.running.digest.store.refresh();
    expect(first.running.digest.store.read().subscriptions.map((s) => s.workspace).sort()).toEqual([...guilds].sort());

    // The first instance's day comes first: it posts to the servers of shard 0 only.
    await first.clock.runUntil('2025-05-27T04:30:00Z', first.running.scheduler);
    expect(guilds.map((g) => fake.messagesIn(channelOf(g)).length)).toEqual([1, 1, 0, 0]);
    // Then the second's: the servers of shard 1, and nothing again for shard 0's.
    await second.clock.runUntil('2025-05-27T04:30:00Z', second.running.scheduler);
    expect(guilds.map((g) => fake.messagesIn(channelOf(g)).length)).toEqual([1, 1, 1, 1]);
    // Later runs of both post nothing more that day.
    await first.clock.runUntil('2025-05-27T12:00:00Z', first.running.scheduler);
    await second.clock.runUntil('2025-05-27T12:00:00Z', second.running.scheduler);
    expect(guilds.map((g) => fake.messagesIn(channelOf(g)).length)).toEqual([1, 1, 1, 1]);

    // The post log says who posted each: the instance holding its shard.
    await first.running.digest.store.refresh();
    const { subscriptions, posts } = first.running.digest.store.read();
    const ownerOf = (guild: string) => posts.find((p) => p.subscriptionId === subscriptions.find((s) => s.workspace === guild)!.id && p.date === '2025-05-27');
    expect(guilds.map((g) => ownerOf(g)?.status)).toEqual(['posted', 'posted', 'posted', 'posted']);
    // Each instance's log names the channels it posted to: those of its own shard.
    const postedBy = (logs: string[]) => logs.flatMap((l) => /discord channel (\d+) \(2025-05-27\): posted/.exec(l)?.[1] ?? []).sort();
    expect(postedBy(first.logs)).toEqual(guilds.slice(0, 2).map(channelOf).sort());
    expect(postedBy(second.logs)).toEqual(guilds.slice(2).map(channelOf).sort());
    // Neither recorded the other's servers as missed, nor logged an error.
    expect(posts.filter((p) => p.status !== 'posted')).toEqual([]);
    expect([...first.logs, ...second.logs].filter((l) => /^error/.test(l))).toEqual([]);
  });
});
