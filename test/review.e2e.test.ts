// Review in chat, end to end: the real discord.js client and the real Bolt app against their
// local fakes, a draft in a real storage, a reviewer approving it with /review (Discord) and
// /ilzam-review (Slack), a member refused, and /incident answering with it right after.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commandRegistry } from '../commands/index.ts';
import { startDiscord } from '../src/adapters/discord/index.ts';
import { startSlack } from '../src/adapters/slack/index.ts';
import { loadKnowledgeBase } from '../src/knowledge/load.ts';
import { Bot } from '../src/core/bot.ts';
import { Publisher } from '../src/review/publisher.ts';
import { ReviewService } from '../src/review/service.ts';
import { openStateStore } from '../src/store/file-storage.ts';
import { DiscordFake } from './fakes/discord-fake.ts';
import { SlackFake, textsOf } from './fakes/slack-fake.ts';
import { sampleDraft } from './review-fixtures.ts';

const DISCORD_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMg.GfAkE1.fake-token-for-tests-only-0123456789abcd';
const SLACK_BOT = 'xoxb-1111-2222-e2eReviewBotToken';
const SLACK_APP = 'xapp-1-A0FAKE-3333-e2eReviewAppToken';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

/** A bot with a real storage holding one draft, its review service and publisher. */
async function reviewingBot(draftId: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-review-e2e-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const storage = await openStateStore({ dir });
  cleanup.push(() => storage.close());
  const draft = sampleDraft(draftId);
  draft.claims = draft.claims.slice(0, 1);
  draft.incident = { id: 'volt-typhoon', score: 0.9 }; // adds to an existing incident: ready to approve
  await storage.addDrafts([{ id: draft.id, data: draft }]);
  const base = Bot.fromKnowledge(loadKnowledgeBase(), { defaultLang: 'en', timeZone: 'Asia/Karachi' }, commandRegistry());
  const publisher = new Publisher(base.kb, base.search, storage);
  await publisher.start();
  const review = new ReviewService({ storage, finder: base, onPublished: (r) => void publisher.published(r) });
  return { bot: base.withServices({ review }), storage, publisher };
}

const claimCount = (bot: Bot) => bot.kb.incidents.get('volt-typhoon')!.claims.length;

describe('review on Discord', () => {
  it('a member with Manage Server approves with /review; a member without is refused; the claim is answered at once', async () => {
    const fake = await DiscordFake.start({ token: DISCORD_TOKEN });
    cleanup.push(() => fake.close());
    const { bot, storage, publisher } = await reviewingBot('discord-draft-000000000000');
    const discord = await startDiscord(bot, { token: DISCORD_TOKEN, apiUrl: fake.apiUrl }, { deferAfterMs: 10_000, logger: () => undefined });
    cleanup.push(() => discord.stop());
    const before = claimCount(bot);
    const ask = async (options: { name: string; value: string }[], permissions: string) => {
      const sent = fake.slashCommand('review', options, { member: fake.member(permissions) });
      const callback = await fake.callbackFor(sent);
      return callback.body.data as { embeds: { title: string; description?: string }[]; flags?: number };
    };
    const refused = await ask([{ name: 'action', value: 'approve' }, { name: 'draft', value: 'discord-draft-000000000000' }], '0');
    expect(refused.embeds[0]!.title).toBe('Only reviewers can use /review');
    const approved = await ask([{ name: 'action', value: 'approve' }, { name: 'draft', value: 'discord-draft-000000000000' }], '32');
    expect(approved.embeds[0]!.title).toBe('Approved and published');
    expect(approved.flags! & 64).toBe(64); // only the reviewer sees it
    await publisher.catchUp();
    expect(claimCount(bot)).toBe(before + 1);
    expect(await storage.publishedSince(0)).toHaveLength(1);
    const answer = await fake.callbackFor(fake.slashCommand('week', [{ name: 'date', value: '2026-12-01' }]));
    expect(JSON.stringify(answer.body.data.embeds)).toMatch(/FBI|National Cyber Security Centre/);
  });
});

describe('review on Slack', () => {
  it('a workspace admin approves with /ilzam-review; a member is refused; the claim is answered at once', async () => {
    const fake = await SlackFake.start({ botToken: SLACK_BOT, appToken: SLACK_APP, pingIntervalMs: 0 });
    cleanup.push(() => fake.close());
    fake.users.set('U0ADMIN', { is_admin: true });
    const { bot, publisher } = await reviewingBot('slack-draft-00000000000000');
    const slack = await startSlack(bot, { botToken: SLACK_BOT, appToken: SLACK_APP, apiUrl: fake.apiUrl, port: 0, admins: [] }, { logSink: () => undefined });
    cleanup.push(() => slack.stop());
    await fake.waitForSocket();
    const ask = async (text: string, user: string) => {
      const { responseUrl } = fake.sendSlashCommand({ command: '/ilzam-review', text, channel_id: 'C0REVIEW', user_id: user });
      const answer = await fake.waitForResponse(responseUrl.split('/').at(-1)!);
      return textsOf(answer.body).join('\n');
    };
    const before = claimCount(bot);
    expect(await ask('approve slack-draft-00000000000000', 'U0MEMBER')).toContain('Only reviewers can use /ilzam-review');
    expect(await ask('show slack-draft-00000000000000', 'U0ADMIN')).toContain('highly likely that Russia’s GRU');
    expect(await ask('approve slack-draft-00000000000000', 'U0ADMIN')).toContain('Approved and published');
    await publisher.catchUp();
    expect(claimCount(bot)).toBe(before + 1);
    expect(await ask('approve slack-draft-00000000000000', 'U0ADMIN')).toContain('Already decided');
  });
});
