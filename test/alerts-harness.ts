// Test doubles for follows and instant alerts: an admin caller, a published record made the way
// the review flow makes one (addDrafts, then decideDraft with publish), and a made-up incident
// in the curated format. Every text in these fixtures says it is a test: none of it is data.
import { DISCORD_WORDS } from '../src/adapters/discord/commands.ts';
import { SLACK_WORDS } from '../src/adapters/slack/commands.ts';
import type { Caller } from '../src/core/command.ts';
import type { Lang } from '../src/i18n/lang.ts';
import type { PublishedRecord, ReviewStore } from '../src/store/storage.ts';

export type Who = Caller & { lang?: Lang };

/** An admin in a channel, as an adapter describes them; `platform: 'slack'` brings Slack's words and command names. */
export function admin(channel: string, extra: Partial<Omit<Who, 'commandName' | 'words'>> = {}): Who {
  const slack = extra.platform === 'slack';
  return {
    platform: 'discord',
    channel,
    workspace: 'G1',
    user: 'U1',
    isAdmin: true,
    commandName: (name) => (slack ? `/ilzam-${name}` : `/${name}`),
    words: slack ? SLACK_WORDS : DISCORD_WORDS,
    ...extra,
  };
}

let drafts = 0;

/** Publishes a record as the review flow does: a draft, approved with the record to publish. */
export async function publish(store: ReviewStore, incidentId: string, data: unknown): Promise<PublishedRecord> {
  const id = `test-draft-${++drafts}-${Date.now()}`;
  await store.addDrafts([{ id, data }]);
  const { published } = await store.decideDraft(id, 1, { status: 'approved', data, publish: { incidentId, data, draftId: id, publishedBy: 'test:reviewer' } });
  return published!;
}

export interface TestClaim {
  id: string;
  by: string;
  against: string[];
  type?: string;
  date?: string;
}

/** A made-up incident in the curated format, with one source and the given claims. */
export function testIncident(id: string, claims: TestClaim[]) {
  return {
    id,
    title: { en: `Test incident ${id}`, ur: `آزمائشی واقعہ ${id}` },
    summary: { en: 'A made-up incident for the tests.', ur: 'ٹیسٹ کے لیے فرضی واقعہ۔' },
    occurred: { start: '2025-05' },
    firstAttributed: '2025-05-27',
    victims: [{ en: 'Test victims', ur: 'آزمائشی متاثرین' }],
    sources: [{ id: 'test-wire', publisher: 'Test Wire', title: `Test report on ${id}`, date: '2025-05-27', url: 'https://example.org/test-report', language: 'en' }],
    claims: claims.map((c) => ({
      id: c.id,
      type: c.type ?? 'accusation',
      date: c.date ?? '2025-05-27',
      by: c.by,
      against: c.against,
      summary: { en: `Test claim ${c.id}.`, ur: `آزمائشی دعویٰ ${c.id}۔` },
      sources: ['test-wire'],
    })),
  };
}
