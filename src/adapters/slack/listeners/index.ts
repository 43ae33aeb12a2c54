// Every listener the app has, by kind (as in Slack's bolt-ts-starter-template). Only slash
// commands so far, the daily digest's subscription commands among them.
import type { App } from '@slack/bolt';
import type { Bot } from '../../../core/bot.ts';
import type { SlackDigestContext } from '../digest-commands.ts';
import type { InFlight } from '../in-flight.ts';
import { registerCommandListeners } from './commands.ts';

export function registerListeners(app: App, bot: Bot, inFlight: InFlight, digest: SlackDigestContext): void {
  registerCommandListeners(app, bot, inFlight, digest);
}
