// npm run deploy:discord: registers the slash commands. With DISCORD_GUILD_ID, to that guild
// (instant; use it while developing); without, globally. Reads DISCORD_TOKEN, and
// DISCORD_APPLICATION_ID when set (otherwise asks Discord which application the token is for).
// Honours DISCORD_API_URL. Registers every command of the registry (commands/index.ts). Run it
// again after adding a command or changing its options or descriptions.
// With --clear it registers an empty set instead, removing the commands from that scope (for
// example a test guild's copies once the commands are global).
import { config as loadDotenv } from 'dotenv';
import { COMMANDS } from '../commands/index.ts';
import { deployCommands } from '../src/adapters/discord/deploy.ts';
import { describeError, redact } from '../src/adapters/discord/log.ts';
import { ConfigError } from '../src/config.ts';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  // Only the Discord settings: a half-configured Slack must not stop a Discord deploy.
  const env = (key: string) => process.env[key]?.trim() || undefined;
  const token = env('DISCORD_TOKEN');
  if (!token) throw new ConfigError('DISCORD_TOKEN is not set (put it in .env; see docs/discord.md)');
  const clear = process.argv.includes('--clear');
  const result = await deployCommands(clear ? [] : COMMANDS, {
    token,
    applicationId: env('DISCORD_APPLICATION_ID'),
    guildId: env('DISCORD_GUILD_ID'),
    apiUrl: env('DISCORD_API_URL'),
  });
  const where = result.scope === 'guild' ? `guild ${result.guildId}` : 'all servers (global; may take a while to appear)';
  if (clear) console.log(`Removed every command of application ${result.applicationId} from ${where}.`);
  else console.log(`Registered ${result.names.map((n) => `/${n}`).join(', ')} for application ${result.applicationId} in ${where}.`);
}

main().catch((err: unknown) => {
  const token = process.env.DISCORD_TOKEN ? [process.env.DISCORD_TOKEN] : [];
  console.error(redact(`deploy:discord failed: ${err instanceof ConfigError ? err.message : describeError(err)}`, token));
  process.exitCode = 1;
});
