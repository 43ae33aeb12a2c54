// Answering a slash command. Discord wants a first response within 3 seconds, then allows 15
// minutes of edits. Today every command answers in milliseconds (the core is synchronous and
// in memory), so the common path is one reply() call with no "thinking…" flicker. Only when the
// answer is not ready after deferAfterMs (1.5 s by default: room for the defer itself to reach
// Discord in time) does the adapter defer, then edit the deferred reply. A deferred reply's
// visibility is fixed when deferring; so an error that should be private replaces the public
// placeholder with a private follow-up.
import { DiscordAPIError, MessageFlags, type ChatInputCommandInteraction, type RepliableInteraction } from 'discord.js';
import type { Lang } from '../../i18n/lang.ts';
import { apologyReply } from '../../reply/common.ts';
import type { Reply } from '../../reply/model.ts';
import { renderDiscord, type DiscordReplyPayload } from './render.ts';
import type { Log } from './log.ts';

export const DEFER_AFTER_MS = 1500;

export interface AnswerOptions {
  deferAfterMs: number;
  /** The command always answers only the asker: defer privately, so the placeholder is private too. */
  private?: boolean;
  lang: Lang;
  log: Log;
}

function messageOptions(payload: DiscordReplyPayload) {
  return {
    ...(payload.content ? { content: payload.content } : {}),
    embeds: payload.embeds,
    allowedMentions: payload.allowedMentions,
  };
}

function replyOptions(payload: DiscordReplyPayload) {
  return payload.ephemeral ? { ...messageOptions(payload), flags: MessageFlags.Ephemeral as const } : messageOptions(payload);
}

/** Renders a reply; a renderer bug becomes the apology rather than no answer at all. */
function render(reply: Reply, opts: AnswerOptions): DiscordReplyPayload {
  try {
    return renderDiscord(reply);
  } catch (err) {
    opts.log('rendering a reply failed', err);
    return renderDiscord(apologyReply(opts.lang));
  }
}

export async function answerCommand(interaction: ChatInputCommandInteraction, work: () => Reply | Promise<Reply>, opts: AnswerOptions): Promise<void> {
  const name = `/${interaction.commandName}`;
  const answer = Promise.resolve()
    .then(work)
    .catch((err: unknown) => {
      opts.log(`${name} failed`, err);
      return apologyReply(opts.lang);
    });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, opts.deferAfterMs, 'late')));
  const first = await Promise.race([answer, late]);
  clearTimeout(timer);

  if (first !== 'late') {
    await replyNow(interaction, render(first, opts), name, opts);
    return;
  }
  try {
    await interaction.deferReply(opts.private ? { flags: MessageFlags.Ephemeral } : {});
  } catch (err) {
    // Too late or Discord is failing: the interaction can no longer be answered.
    opts.log(`deferring ${name} failed`, err);
    return;
  }
  await replyAfterDefer(interaction, render(await answer, opts), name, opts);
}

async function replyNow(interaction: RepliableInteraction, payload: DiscordReplyPayload, name: string, opts: AnswerOptions): Promise<void> {
  try {
    await interaction.reply(replyOptions(payload));
  } catch (err) {
    opts.log(`replying to ${name} failed`, err);
    // Discord refused the message itself (400): the interaction is still open, so apologize.
    if (err instanceof DiscordAPIError && err.status === 400 && !interaction.replied && !interaction.deferred) {
      await interaction.reply(replyOptions(render(apologyReply(opts.lang), opts))).catch((again: unknown) => opts.log(`apology for ${name} failed`, again));
    }
  }
}

async function replyAfterDefer(interaction: RepliableInteraction, payload: DiscordReplyPayload, name: string, opts: AnswerOptions): Promise<void> {
  try {
    // A private placeholder takes any answer as an edit; a public one cannot turn private.
    if (payload.ephemeral && !opts.private) {
      await interaction.deleteReply().catch((err: unknown) => opts.log(`removing the placeholder for ${name} failed`, err));
      await interaction.followUp(replyOptions(payload));
    } else {
      await interaction.editReply(messageOptions(payload));
    }
  } catch (err) {
    opts.log(`answering deferred ${name} failed`, err);
  }
}
