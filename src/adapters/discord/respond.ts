// Answering a slash command. Discord wants a first response within 3 seconds, then allows 15
// minutes of edits. Today every command answers in milliseconds (the core is synchronous and
// in memory), so the common path is one reply() call with no "thinking…" flicker. Only when the
// answer is not ready after deferAfterMs (1.5 s by default: room for the defer itself to reach
// Discord in time) does the adapter defer, then edit the deferred reply. A deferred reply's
// visibility is fixed when deferring; so an error that should be private replaces the public
// placeholder with a private follow-up.
//
// Under load the race cannot work: the work is synchronous CPU, so when hundreds of commands
// arrive at once their work runs back to back and blocks the event loop, and no defer timer
// fires until all of it is done, seconds too late. So when more than BUSY_AT answers are under
// way, an answer defers first, at once, and its work waits for a turn of its own: one piece of
// work per turn of the event loop, so the other defers, the replies and the gateway get through
// in between (AnswerLoad).
import { DiscordAPIError, MessageFlags, type ChatInputCommandInteraction, type RepliableInteraction } from 'discord.js';
import type { Lang } from '../../i18n/lang.ts';
import { apologyReply } from '../../reply/common.ts';
import type { Reply } from '../../reply/model.ts';
import { renderDiscord, type DiscordReplyPayload } from './render.ts';
import type { Log } from './log.ts';

export const DEFER_AFTER_MS = 1500;
/** More answers than this under way at once: defer first, compute after. */
export const BUSY_AT = 4;

/** The answers under way in one client, and the turns their deferred work waits for. */
export class AnswerLoad {
  inFlight = 0;
  #turn: Promise<void> = Promise.resolve();
  readonly #placeholders = new Set<Promise<unknown>>();

  /** A placeholder (a defer) on its way to Discord: work waits until none is. */
  sending(placeholder: Promise<unknown>): void {
    this.#placeholders.add(placeholder);
    const done = () => void this.#placeholders.delete(placeholder);
    placeholder.then(done, done);
  }

  /**
   * Resolves at the next free turn. Placeholders go first: a request needs several turns of the
   * event loop, and work run in between would hold each one up, past Discord's 3 s. Then one
   * piece of work per turn (setImmediate runs after that turn's I/O), so the gateway and the
   * replies get through between two pieces.
   */
  nextTurn(): Promise<void> {
    const turn = this.#turn.then(async () => {
      while (this.#placeholders.size) await Promise.allSettled([...this.#placeholders]);
      await new Promise<void>((resolve) => setImmediate(resolve));
    });
    this.#turn = turn;
    return turn;
  }
}

const defaultLoad = new AnswerLoad();

export interface AnswerOptions {
  deferAfterMs: number;
  /** The client's load; one per client (a process-wide one by default). */
  load?: AnswerLoad;
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
  const load = opts.load ?? defaultLoad;
  load.inFlight++;
  try {
    if (load.inFlight > BUSY_AT) await deferFirst(interaction, work, opts, load);
    else await answerOrDefer(interaction, work, opts);
  } finally {
    load.inFlight--;
  }
}

/** The work's reply; a bug becomes the apology. */
function replyOf(work: () => Reply | Promise<Reply>, name: string, opts: AnswerOptions): Promise<Reply> {
  return Promise.resolve()
    .then(work)
    .catch((err: unknown) => {
      opts.log(`${name} failed`, err);
      return apologyReply(opts.lang);
    });
}

/** Busy: the placeholder goes first, then the work, in its turn. */
async function deferFirst(interaction: ChatInputCommandInteraction, work: () => Reply | Promise<Reply>, opts: AnswerOptions, load: AnswerLoad): Promise<void> {
  const name = `/${interaction.commandName}`;
  const deferred = interaction.deferReply(opts.private ? { flags: MessageFlags.Ephemeral } : {});
  load.sending(deferred);
  await load.nextTurn();
  const reply = await replyOf(work, name, opts);
  try {
    await deferred;
  } catch (err) {
    opts.log(`deferring ${name} failed`, err);
    return;
  }
  await replyAfterDefer(interaction, render(reply, opts), name, opts);
}

/** Not busy: reply at once when the answer is quick, defer when it is late. */
async function answerOrDefer(interaction: ChatInputCommandInteraction, work: () => Reply | Promise<Reply>, opts: AnswerOptions): Promise<void> {
  const name = `/${interaction.commandName}`;
  const answer = replyOf(work, name, opts);
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
