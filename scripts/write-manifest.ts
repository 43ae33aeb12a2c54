// npm run manifest: writes manifest.json (the Slack app manifest) from the command registry.
// Run it after adding a command or changing a description; a test fails while it is stale.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { commandRegistry } from '../commands/index.ts';
import { slackManifest } from '../src/adapters/slack/manifest.ts';

const file = path.resolve(import.meta.dirname, '../manifest.json');
writeFileSync(file, `${JSON.stringify(slackManifest(commandRegistry()), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
