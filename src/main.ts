// npm start: loads the data, then runs every configured platform in one process, with the
// daily digest (its state in ILZAM_STATE_DIR). With no platform token set, it runs the local
// console bot instead, which keeps no state.
import { config as loadDotenv } from 'dotenv';
import { runConsole } from './adapters/console/index.ts';
import { ConfigError, describeConfig, readConfig } from './config.ts';
import { Bot } from './core/bot.ts';
import { DataValidationError } from './store/curated.ts';
import { StateDirError } from './store/state-store.ts';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = readConfig();
  const bot = Bot.load(config);
  if (!config.discord && !config.slack) {
    await runConsole(bot);
    return;
  }
  console.error(`[ilzam] starting: ${describeConfig(config)}`);
  const platforms = await import('./app/platforms.ts');
  await platforms.startPlatforms(bot, config);
}

main().catch((err: unknown) => {
  // Expected problems get one line that says what to fix; anything else keeps its stack.
  if (err instanceof ConfigError || err instanceof DataValidationError || err instanceof StateDirError || (err instanceof Error && err.name === 'PlatformStartError')) {
    console.error(`[ilzam] cannot start: ${err.message}`);
  } else {
    console.error('[ilzam] cannot start:', err instanceof Error ? (err.stack ?? err.message) : err);
  }
  process.exitCode = 1;
});
