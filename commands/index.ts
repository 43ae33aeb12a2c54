// Every command the bot has, in the order help lists them. Startup code (src/app, src/cli)
// builds the registry from this list and hands it to the Bot; nothing in src/ imports it.
import type { Command } from '../src/core/command.ts';
import { CommandRegistry } from '../src/core/command-registry.ts';
import { actor } from './actor.ts';
import { follow } from './follow.ts';
import { following } from './following.ts';
import { help } from './help.ts';
import { incident } from './incident.ts';
import { review } from './review.ts';
import { subscribe } from './subscribe.ts';
import { subscriptions } from './subscriptions.ts';
import { unfollow } from './unfollow.ts';
import { unsubscribe } from './unsubscribe.ts';
import { week } from './week.ts';

export const COMMANDS: readonly Command[] = [incident, actor, week, help, subscribe, unsubscribe, subscriptions, follow, unfollow, following, review];

/** A fresh registry of every command (tests may add throwaway ones to their own copy). */
export function commandRegistry(): CommandRegistry {
  return new CommandRegistry(COMMANDS);
}
