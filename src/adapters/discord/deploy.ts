// Registering the slash commands with Discord: to one guild (instant, for development) or
// globally (for every server the bot is in; Discord may take a while to show changes). A PUT
// replaces the whole set, so removed commands disappear too. Run by npm run deploy:discord,
// never at start-up: Discord limits how many commands may be created a day.
import { DiscordAPIError, REST, Routes, type APIApplication, type APIApplicationCommand } from 'discord.js';
import type { Command } from '../../core/command.ts';
import { discordCommands } from './commands.ts';
import { restApiBase } from './rest.ts';

export interface DeployOptions {
  token: string;
  applicationId?: string;
  guildId?: string;
  apiUrl?: string;
}

export interface DeployResult {
  scope: 'guild' | 'global';
  applicationId: string;
  guildId?: string;
  names: string[];
}

/** The application the token belongs to, for when DISCORD_APPLICATION_ID is not set. */
async function fetchApplicationId(rest: REST): Promise<string> {
  try {
    return ((await rest.get(Routes.currentApplication())) as APIApplication).id;
  } catch (err) {
    // Some proxies pass only the OAuth2 route through; a refused token is final, though.
    if (!(err instanceof DiscordAPIError && err.status === 404)) throw err;
    return ((await rest.get(Routes.oauth2CurrentApplication())) as APIApplication).id;
  }
}

export async function deployCommands(commands: readonly Command[], options: DeployOptions): Promise<DeployResult> {
  const rest = new REST(options.apiUrl ? { api: restApiBase(options.apiUrl) } : {}).setToken(options.token);
  const applicationId = options.applicationId ?? (await fetchApplicationId(rest));
  const route = options.guildId ? Routes.applicationGuildCommands(applicationId, options.guildId) : Routes.applicationCommands(applicationId);
  const body = discordCommands(commands);
  const registered = (await rest.put(route, { body })) as APIApplicationCommand[];
  return { scope: options.guildId ? 'guild' : 'global', applicationId, guildId: options.guildId, names: registered.map((c) => c.name) };
}
