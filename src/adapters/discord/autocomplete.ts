// Autocomplete, answered at once (Discord gives 3 seconds and no way to defer): the focused
// option's source (incidents, actors, zones …) is the command registry's, the choices the
// Bot's. A user typing fast makes Discord drop earlier requests, so an "Unknown interaction"
// on respond() is routine and not worth a log line.
import { DiscordAPIError, RESTJSONErrorCodes, type AutocompleteInteraction } from 'discord.js';
import type { Bot } from '../../core/bot.ts';
import { chooseLang, tryParseLang } from '../../i18n/lang.ts';
import { cutText } from '../../text/clean.ts';
import type { Log } from './log.ts';
import { plainLine } from './render-text.ts';

/** Discord's limits for autocomplete choices. */
export const CHOICES_MAX = 25;
export const CHOICE_TEXT_MAX = 100;

export interface Choice {
  name: string;
  value: string;
}

/** The choices for what is typed so far; none when the focused option has no autocomplete. */
export function choicesFor(bot: Bot, commandName: string, options: readonly { name: string; value?: unknown; focused?: boolean }[]): Choice[] {
  const focused = options.find((o) => o.focused);
  if (!focused) return [];
  const spec = bot.commands.find(commandName)?.options.find((o) => o.name === focused.name);
  if (!spec?.autocomplete) return [];
  const typed = typeof focused.value === 'string' ? focused.value : '';
  const given = options.find((o) => o.name === 'lang')?.value;
  const lang = chooseLang(typeof given === 'string' ? tryParseLang(given) : undefined, typed, bot.config.defaultLang);
  return bot
    .suggest(spec.autocomplete, typed, lang, CHOICES_MAX)
    .map((s) => ({ name: cutText(plainLine(s.label).trim() || s.value, CHOICE_TEXT_MAX), value: s.value }))
    .filter((c) => c.name && c.value && c.value.length <= CHOICE_TEXT_MAX)
    .slice(0, CHOICES_MAX);
}

/** Answers with the choices `choose` gives; a failure there gives none rather than no answer. */
export async function answerAutocomplete(interaction: AutocompleteInteraction, choose: () => Choice[], log: Log): Promise<void> {
  let choices: Choice[] = [];
  try {
    choices = choose();
  } catch (err) {
    log(`autocomplete for /${interaction.commandName} failed`, err);
  }
  try {
    await interaction.respond(choices);
  } catch (err) {
    if (err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.UnknownInteraction) return;
    log(`answering autocomplete for /${interaction.commandName} failed`, err);
  }
}
