// The Slack app manifest (manifest.json), generated from the command registry so that a new
// command reaches Slack with `npm run manifest` and nothing typed by hand. Paste the file into
// "Create an app → From a manifest" (docs/slack.md).
import type { CommandRegistry } from '../../core/command-registry.ts';
import { manifestSlashCommands } from './commands.ts';

/** The bot scopes the app asks for, here and in the OAuth flow of public distribution. */
export const SLACK_BOT_SCOPES = ['commands', 'chat:write', 'users:read'] as const;

export function slackManifest(commands: CommandRegistry) {
  return {
    display_information: {
      name: 'ilzam',
      description: 'Who was accused of a cyber attack, who accused them, who denied it, and the sources. In Urdu or English.',
      long_description:
        'ilzam (الزام, "accusation") answers questions about cyber attacks and the groups blamed for them: who was accused, who made the accusation, who denied it, and where each claim was published. Ask by any name a group goes by, in English or in Urdu, with typos. Every answer shows both sides and links its sources. Add lang:ur for Urdu or lang:en for English.',
      background_color: '#1f3a4d',
    },
    features: {
      bot_user: { display_name: 'ilzam', always_online: true },
      slash_commands: manifestSlashCommands(commands),
    },
    oauth_config: {
      scopes: { bot: [...SLACK_BOT_SCOPES] },
    },
    settings: {
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    },
  };
}
