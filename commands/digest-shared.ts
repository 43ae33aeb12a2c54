// What the three daily-digest commands share: the request the SubscriptionService takes, built
// from the caller, and the answer when this copy of the bot has no state store.
import type { CommandContext } from '../src/core/command.ts';
import type { DigestRequest } from '../src/digest/subscriptions.ts';
import { unavailableReply } from '../src/reply/common.ts';
import type { Reply } from '../src/reply/model.ts';

/** The request for the service; the registry has checked that the caller is an admin in a channel. */
export function digestRequest(ctx: CommandContext): DigestRequest {
  const { caller } = ctx;
  return {
    platform: caller.platform,
    channel: caller.channel ?? '',
    workspace: caller.workspace,
    user: caller.user ?? 'unknown',
    lang: ctx.lang,
    commandName: caller.commandName,
    workspaceWord: caller.words.workspace,
  };
}

export function digestOffReply(ctx: CommandContext): Reply {
  return unavailableReply(ctx.lang, { en: 'The daily digest is not switched on here', ur: 'یہاں روزانہ خلاصہ فعال نہیں' });
}
