// The scripting CLI:
//   npm run cli -- search|incident|actor|week <args> [--lang ur|en] [--json] [--date YYYY-MM-DD] [--detail]
//   npm run cli -- alerts --since YYYY-MM-DD --follow apt28 [--follow pakistan] [--lang ur] [--json]
// Without --json it prints what the console bot would; with --json, machine-readable data.
// Exit codes: 0 answered, 1 nothing matched, 2 bad usage, 3 the data failed to load.
import { config as loadDotenv } from 'dotenv';
import { parseArgs } from 'node:util';
import { commandRegistry } from '../../commands/index.ts';
import { renderTerminal } from '../adapters/console/render.ts';
import { ConfigError, readCoreConfig } from '../config.ts';
import { Bot } from '../core/bot.ts';
import { cleanText, echo } from '../text/clean.ts';
import { terminalJson, terminalText } from '../adapters/console/terminal.ts';
import { BadLanguageError, parseLang } from '../i18n/lang.ts';
import { lookup } from '../knowledge/lookup.ts';
import { DataValidationError } from '../store/curated-files.ts';
import { RegistryError } from '../registry/registry-file.ts';
import { entityJson, incidentJson, searchJson, weekJson } from './json.ts';
import { weekClaims } from '../summary/week.ts';
import { localDay, parseDay } from '../i18n/time.ts';

const USAGE = `usage: npm run cli -- <command> [text] [options]
commands:
  search <text>     every match, best first
  incident <text>   an incident's summary
  actor <name>      an actor's names, state and history
  week              this week in attribution (--date YYYY-MM-DD for another week)
  extract <file|->  draft claims in an article (HTML or text): --url, --published YYYY-MM-DD, --lang
  alerts            what a channel following --follow NAME (repeatable) would have been sent
                    since --since YYYY-MM-DD, from the curated data's dated claims
options:
  --lang en|ur      answer language (default: DEFAULT_LANG, or Urdu for Urdu text)
  --json            machine-readable output
  --detail          the full record
  --date DAY        with week: the last day of the week
  --limit N         with search: how many results (default 10)
  --since DAY       with alerts: the first day of claims to replay
  --follow NAME     with alerts: an actor, a state or an incident, by any name`;

// Everything printed goes through terminalText (or terminalJson), and every value quoted back
// through echo: an argument can hold an escape sequence, and the terminal would act on it.
function fail(message: string, code: number): never {
  process.stderr.write(`${terminalText(message)}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        lang: { type: 'string' },
        json: { type: 'boolean', default: false },
        detail: { type: 'boolean', default: false },
        date: { type: 'string' },
        limit: { type: 'string' },
        url: { type: 'string' },
        published: { type: 'string' },
        since: { type: 'string' },
        follow: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    // parseArgs quotes the option as typed.
    fail(`${cleanText((err as Error).message, 300)}\n\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  const [command, ...words] = positionals;
  if (values.help || !command) fail(USAGE, values.help ? 0 : 2);
  if (command === 'extract') {
    const io = { out: (t: string) => process.stdout.write(`${t}\n`), err: (t: string) => process.stderr.write(`${t}\n`) };
    // Loaded only here: the HTML parser it needs costs a fifth of a second to import.
    const { runExtractCli } = await import('../ingest/cli-extract.ts');
    process.exitCode = runExtractCli(words, { url: values.url, published: values.published, lang: values.lang, json: values.json }, io);
    return;
  }
  const text = cleanText(words.join(' '));
  let lang;
  try {
    lang = parseLang(values.lang);
  } catch (err) {
    if (err instanceof BadLanguageError) fail(`unknown --lang "${echo(err.given)}": use en or ur`, 2);
    throw err;
  }

  let bot: Bot;
  try {
    bot = await Bot.open(readCoreConfig(), commandRegistry());
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataValidationError || err instanceof RegistryError) fail(err.message, 3);
    throw err;
  }
  if (command !== 'extract') {
    // Approved drafts are answered here too (read from the bot's storage, if there is one).
    const { applyPublishedRecords } = await import('../app/published.ts');
    await applyPublishedRecords(bot, readCoreConfig());
  }
  const ctx = bot.context();
  const print = (value: unknown) => process.stdout.write(`${typeof value === 'string' ? terminalText(value) : terminalJson(value)}\n`);

  switch (command) {
    case 'search': {
      if (!text) fail('search needs some text, e.g. npm run cli -- search fancy bear', 2);
      const limit = Math.min(100, Math.max(1, Number(values.limit ?? 10) || 10));
      const hits = bot.search.search(text, { limit });
      if (values.json) print(searchJson(bot.kb, text, hits));
      else print(hits.length ? hits.map((h, i) => `${i + 1}. [${h.kind}] ${h.id}  ${h.score.toFixed(3)}  (${h.how}: ${h.matched})`).join('\n') : 'nothing matched');
      process.exitCode = hits.length ? 0 : 1;
      return;
    }
    case 'incident':
    case 'actor': {
      const input = { [command === 'incident' ? 'query' : 'name']: text, lang: values.lang, detail: values.detail ? 'true' : undefined };
      const reply = await bot.run(command, input);
      if (values.json) {
        if (reply.kind === 'usage') fail(reply.description ?? reply.title, 2);
        const found = text ? lookup(ctx, text, command === 'incident' ? 'incident' : 'entity') : undefined;
        if (found?.kind !== 'found') {
          print({ query: text, found: false, candidates: found ? searchJson(bot.kb, text, found.kind === 'none' ? found.near : found.hits).results : [] });
          process.exitCode = 1;
          return;
        }
        print(command === 'incident' ? incidentJson(bot.kb, bot.kb.incidents.get(found.hit.id)!) : entityJson(bot.kb, bot.kb.entities.get(found.hit.id)!));
        return;
      }
      print(renderTerminal(reply));
      process.exitCode = reply.kind === 'usage' ? 2 : reply.kind === 'not-found' ? 1 : 0;
      return;
    }
    case 'week': {
      const day = values.date ? parseDay(values.date) : localDay(ctx.now, ctx.timeZone);
      if (!day) fail(`--date must be YYYY-MM-DD, not "${echo(values.date ?? '')}"`, 2);
      if (values.json) print(weekJson(bot.kb, weekClaims(bot.kb, day)));
      else print(renderTerminal(await bot.run('week', { lang: lang, date: day })));
      return;
    }
    case 'alerts': {
      const since = values.since ? parseDay(values.since) : undefined;
      if (!since) fail(`alerts needs --since YYYY-MM-DD${values.since ? `, not "${values.since}"` : ''}`, 2);
      const names = (values.follow ?? []).map((n) => cleanText(n)).filter(Boolean);
      if (!names.length) fail('alerts needs at least one --follow NAME, e.g. --follow apt28', 2);
      const answerLang = lang ?? bot.config.defaultLang;
      // Loaded only here: the alert feed parses published records with the schemas.
      const { alertPreview, alertPreviewJson, previewFollows } = await import('./alerts.ts');
      const found = previewFollows(ctx, names, answerLang);
      if ('unknown' in found) {
        process.stderr.write(`nothing to follow matched "${found.unknown}"${found.near.length ? `; did you mean: ${found.near.join(', ')}` : ''}\n`);
        process.exitCode = 1;
        return;
      }
      const preview = alertPreview(ctx, found.follows, since, answerLang);
      if (values.json) print(alertPreviewJson(ctx, preview));
      else if (!preview.posts.length) print(`No claims about ${found.follows.map((f) => f.label).join(', ')} since ${since}.`);
      else print(preview.posts.map((p) => renderTerminal(p.reply)).join('\n\n'));
      return;
    }
    default:
      fail(`unknown command "${echo(command)}"\n\n${USAGE}`, 2);
  }
}

void main();
