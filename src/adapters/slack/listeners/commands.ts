// Slash commands. Ack first, empty, then answer through response_url with respond(): the ack
// is what Slack times at 3 seconds, and response_url works in every conversation, including
// channels the bot was never invited to and DMs, where chat.postMessage would fail with
// not_in_channel. (Acking with the payload would also be fast enough, as the bot answers from
// memory in milliseconds, but ack-then-respond keeps the 3-second promise whatever the work.)
import type { App } from '@slack/bolt';
import type { Bot } from '../../../core/bot.ts';
import { parseOptionsText } from '../../../core/parse.ts';
import { renderSlack, type SlackReplyPayload } from '../../../render/slack.ts';
import { resolveSlashCommand, withSlackCommandNames } from '../command-names.ts';
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

export function registerCommandListeners(app: App, bot: Bot, inFlight: InFlight): void {
  // Every command Slack routes to this app is ours; resolveSlashCommand sorts out which.
  app.command(/^\/.+/, async ({ command, ack, respond, logger }) => {
    await ack();
    await inFlight.run(async () => {
      const payload = answerSlashCommand(bot, command.command, command.text ?? '', command.user_id);
      try {
        await respond(payload);
      } catch (err) {
        // An expired or rate-limited response_url: the user sees nothing, we log why.
        logger.warn(`could not answer ${command.command}: ${describeSlackError(err).error}`);
      }
    });
  });
}
