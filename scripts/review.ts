// npm run review -- list | show <id> | edit <id> key:value … | approve <id> | reject <id> reason:… | party <id> id:… kind:… en:… ur:…
// The review queue from a terminal, on the same storage the bot uses (ILZAM_STATE_DIR or
// DATABASE_URL). With the file backend the running bot owns the directory, so review in chat
// (/review) while it runs, or stop it first; with PostgreSQL both work at once.
// Exit codes: 0 done, 1 refused (not found, already decided, not ready), 2 bad usage, 3 cannot start.
import os from 'node:os';
import { config as loadDotenv } from 'dotenv';
import { commandRegistry } from '../commands/index.ts';
import { parseReviewText } from '../commands/review.ts';
import { renderTerminal } from '../src/adapters/console/render.ts';
import { ConfigError, readCoreConfig } from '../src/config.ts';
import { Bot, LOCAL_CALLER } from '../src/core/bot.ts';
import { PartyKind } from '../src/domain/schema.ts';
import { Publisher } from '../src/review/publisher.ts';
import { ReviewService } from '../src/review/service.ts';
import { DataValidationError } from '../src/store/curated.ts';
import { StateLockedError } from '../src/store/file-storage.ts';
import { openStorage } from '../src/store/open.ts';
import { StorageUnavailableError } from '../src/store/storage.ts';
import { cleanText } from '../src/text/clean.ts';

const USAGE = `usage: npm run review -- <action> [draft id] [key:value …]
  list                          the drafts waiting, oldest first
  show <id>                     one draft: its claims with evidence, the incident, what blocks it
  edit <id> claim:N type:… by:… against:a,b date:YYYY-MM-DD strength:…|none keep:no
            incident:<id or name>|new id:… title-en:… title-ur:… summary-en:… summary-ur:…
            victim-en:… victim-ur:…
  approve <id>                  publish it (answerable at once)
  reject <id> reason:…          reject it, with the reason on the record
  party <id> id:… kind:… en:… ur:… [registry:…] [state:…]
                                add a party the data does not know yet, for that draft`;

async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  const args = process.argv.slice(2).map((a) => cleanText(a, 2000));
  if (!args.length || args[0] === '--help' || args[0] === '-h') {
    console.log(USAGE);
    return args.length ? 0 : 2;
  }
  const config = readCoreConfig();
  const storage = await openStorage(config);
  try {
    const bot = await Bot.open(config, commandRegistry());
    const publisher = new Publisher(bot.kb, bot.search, storage);
    await publisher.catchUp();
    const review = new ReviewService({ storage, finder: bot, onPublished: (r) => void publisher.published(r) });
    const reviewer = { id: `cli:${os.userInfo().username}`, where: 'cli' };
    if (args[0] === 'party') return await addParty(review, args.slice(1).join(' '), reviewer);
    const caller = { ...LOCAL_CALLER, platform: 'cli', user: os.userInfo().username, isReviewer: true };
    const reply = await bot.withServices({ review }).run('review', parseReviewText(args.join(' ')), caller);
    console.log(renderTerminal(reply));
    return reply.kind === 'usage' ? (/no such|already|changed|not ready|cannot be made/i.test(reply.title) ? 1 : 2) : 0;
  } finally {
    await storage.close();
  }
}

async function addParty(review: ReviewService, text: string, reviewer: { id: string; where: string }): Promise<number> {
  const input = Object.fromEntries([...text.matchAll(/(\w+):(.*?)(?=\s\w+:|$)/g)].map((m) => [m[1]!, m[2]!.trim()]));
  const draft = text.split(/\s+/)[0] ?? '';
  const kind = PartyKind.safeParse(input.kind);
  if (!draft || !input.id || !kind.success || !input.en || !input.ur) {
    console.error(`party needs: <draft id> id:<slug> kind:<${PartyKind.options.join('|')}> en:<English name> ur:<Urdu name>`);
    return 2;
  }
  const result = await review.edit(
    draft,
    { party: { id: input.id, kind: kind.data, name: { en: input.en, ur: input.ur }, aliases: [], ...(input.registry ? { registry: input.registry } : {}), ...(input.state ? { state: input.state } : {}) } },
    reviewer,
  );
  console.log(result.ok ? `added ${input.id} to ${draft} (v${result.draft.version})` : result.messages.join('\n'));
  return result.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof DataValidationError || err instanceof StateLockedError || err instanceof StorageUnavailableError) {
      console.error(`review: ${err.message}`);
    } else {
      console.error('review failed:', err instanceof Error ? (err.stack ?? err.message) : err);
    }
    process.exitCode = 3;
  },
);
