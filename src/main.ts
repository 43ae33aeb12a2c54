// npm start: loads the data, then runs every configured platform in one process, with the
// daily digest (its state in ILZAM_STATE_DIR). With no platform configured, it runs the local
// console bot instead, which keeps no state and loads no platform library.
import { config as loadDotenv } from 'dotenv';
import { commandRegistry } from '../commands/index.ts';
import { runConsole } from './adapters/console/index.ts';
import { describeConfig, readConfig } from './app/config.ts';
import { ConfigError } from './config.ts';
import { Bot } from './core/bot.ts';
import { configureLogging, logFor, LogSettingsError } from './log/logger.ts';
import { DataValidationError } from './store/curated-files.ts';
import { StateLockedError } from './store/lock.ts';
import { StorageUnavailableError } from './store/storage.ts';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  // After .env, so LOG_FORMAT and LOG_LEVEL can be there and its secrets are known to redaction.
  try {
    configureLogging(process.env);
  } catch (err) {
    throw err instanceof LogSettingsError ? new ConfigError(err.message) : err;
  }
  const config = readConfig();
  const bot = await Bot.open(config, commandRegistry());
  if (!Object.keys(config.platforms).length) {
    // Approved drafts are answered here too (read from the bot's storage, if there is one).
    const { applyPublishedRecords } = await import('./app/published.ts');
    await applyPublishedRecords(bot, config);
    await runConsole(bot);
    // stdin may still hold the event loop (a terminal, an open pipe): the console is done.
    process.exit(process.exitCode ?? 0);
  }
  logFor().info(`starting: ${describeConfig(config)}`);
  const { startPlatforms } = await import('./app/platforms.ts');
  // TEST ONLY: a simulated clock shared by processes (needs NODE_ENV=test; src/digest/test-clock.ts).
  const clock = process.env.ILZAM_TEST_CLOCK_FILE ? (await import('./digest/test-clock.ts')).testClockFromEnv(process.env) : undefined;
  await startPlatforms(bot, config, clock ? { clock } : {});
}

main().catch((err: unknown) => {
  // Expected problems get one line that says what to fix; anything else keeps its stack.
  // Messages can quote a setting (a path, a value); the logger makes them safe for a terminal.
  // Some are known by name: their modules load the state file's schemas and lowdb, which the
  // console does not need at start.
  if (err instanceof ConfigError || err instanceof DataValidationError || err instanceof StateLockedError || err instanceof StorageUnavailableError || (err instanceof Error && ['StateDirError', 'MigrationError', 'RegistryError', 'PlatformStartError'].includes(err.name))) {
    logFor().fatal(`cannot start: ${err.message}`);
  } else {
    logFor().fatal('cannot start', err);
  }
  process.exitCode = 1;
});
