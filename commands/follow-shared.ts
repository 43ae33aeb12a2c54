// What the three follow commands share: the request the FollowService takes, built from the
// caller, and the answer when this copy of the bot has no state store.
import type { CommandContext, CommandInput, OptionSpec } from '../src/core/command.ts';
import type { FollowRequest } from '../src/follow/follows.ts';
import { unavailableReply } from '../src/reply/common.ts';
import type { Reply } from '../src/reply/model.ts';

/** The actor, state or incident option: any name, in either script, with autocomplete. */
export const FOLLOWABLE_OPTION: OptionSpec = {
  name: 'name',
  kind: 'text',
  required: true,
  autocomplete: 'followable',
  description: { en: 'An actor, a state or an incident, by any name (APT28, Fancy Bear, China, چین)', ur: 'گروپ، ملک یا واقعہ، کسی بھی نام سے' },
};

/** The request for the service; the registry has checked that the caller may manage this channel. */
export function followRequest(ctx: CommandContext, input: CommandInput): FollowRequest {
  const { caller } = ctx;
  return {
    platform: caller.platform,
    channel: caller.channel ?? '',
    workspace: caller.workspace,
    user: caller.user ?? 'unknown',
    lang: ctx.lang,
    // The registry decided the answer language from lang: (or the name's script); only an explicit lang: sets the alerts'.
    language: input.lang?.trim() ? ctx.lang : undefined,
    commandName: caller.commandName,
    workspaceWord: caller.words.workspace,
  };
}

export function followsOffReply(ctx: CommandContext): Reply {
  return unavailableReply(ctx.lang, { en: 'Follows and alerts are not switched on here', ur: 'یہاں فالو اور الرٹس فعال نہیں' });
}
