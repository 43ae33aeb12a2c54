// Slash commands. Ack first, empty, then answer through response_url with respond(): the ack
// is what Slack times at 3 seconds, and response_url works in every conversation, including
// channels the bot was never invited to and DMs, where chat.postMessage would fail with
// not_in_channel. (Acking with the payload would also be fast enough, as the bot answers from
// memory in milliseconds, but ack-then-respond keeps the 3-second promise whatever the work;
// the digest commands do wait, for users.info and a state write.)
import type { App, SlashCommand } from '@slack/bolt';
import type { Bot } from '../../../core/bot.ts';
import { parseOptionsText } from '../../../core/parse-text.ts';
import { renderSlack, type SlackReplyPayload } from '../render.ts';
import { emptyReply } from '../../../reply/model.ts';
import { resolveSlashCommand, withSlackCommandNames } from '../command-names.ts';
import { answerDigestCommand, resolveDigestCommand, type SlackDigestContext } from '../digest-commands.ts';
import { describeSlackError } from '../errors.ts';
import type { InFlight } from '../in-flight.ts';

/** The rendered answer to one slash command; never throws (the bot and renderer don't). */
export function answerSlashCommand(bot: Bot, slashCommand: string, text: string, user?: string): SlackReplyPayload {
  const resolved = resolveSlashCommand(slashCommand, text);
  const reply = resolved.command
    ? bot.execute(resolved.command.name, parseOptionsText(resolved.command, resolved.text), { user })
    : bot.unknownCommand(resolved.name);
  return renderSlack(withSlackCommandNames(reply, resolved.style));
}

/** A bot command, or a digest command through the SubscriptionService. */
async function answerAny(bot: Bot, command: SlashCommand, digest: SlackDigestContext): Promise<SlackReplyPayload> {
  const wanted = resolveDigestCommand(command.command, command.text ?? '');
  if (!wanted) return answerSlashCommand(bot, command.command, command.text ?? '', command.user_id);
  return renderSlack(await answerDigestCommand(wanted.command, wanted.text, command, digest));
}

function apology(bot: Bot): SlackReplyPayload {
  const lang = bot.config.defaultLang;
  const reply = emptyReply('error', lang, lang === 'ur' ? 'معذرت، کچھ غلط ہو گیا' : 'Sorry, something went wrong', true);
  reply.description = lang === 'ur' ? 'دوبارہ کوشش کریں۔' : 'Please try again.';
  return renderSlack(reply);
}

export function registerCommandListeners(app: App, bot: Bot, inFlight: InFlight, digest: SlackDigestContext): void {
  // Every command Slack routes to this app is ours; resolveDigestCommand and
  // resolveSlashCommand sort out which.
  app.command(/^\/.+/, async ({ command, ack, respond, logger }) => {
    await ack();
    await inFlight.run(async () => {
      const payload = await answerAny(bot, command, digest).catch((err: unknown) => {
        logger.error(`${command.command} failed: ${err instanceof Error ? err.message : String(err)}`);
        return apology(bot);
      });
      try {
        await respond(payload);
      } catch (err) {
        // An expired or rate-limited response_url: the user sees nothing, we log why.
        logger.warn(`could not answer ${command.command}: ${describeSlackError(err).error}`);
      }
    });
  });
}
