// The house rules, checked on the real tree: imports point down the layers, neutral code loads
// no platform library, a platform folder keeps to itself, and there are no import cycles; and
// adding a command is one file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandRegistry } from '../commands/index.ts';
import { discordCommands } from '../src/adapters/discord/commands.ts';
import { manifestSlashCommands, resolveSlashCommand, slackCommandNames } from '../src/adapters/slack/commands.ts';
import { slackManifest } from '../src/adapters/slack/manifest.ts';
import { Bot } from '../src/core/bot.ts';
import type { Command } from '../src/core/command.ts';
import { emptyReply } from '../src/reply/model.ts';
import { cycles, readEdges, staticImportClosure, unitOf, violations } from './import-graph.ts';
import { testBot } from './helpers.ts';

const root = path.resolve(import.meta.dirname, '..');

describe('the import graph', () => {
  const edges = readEdges(root);

  it('is read from the real tree', () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(edges).toContainEqual({ from: 'src/core/bot.ts', to: 'src/knowledge/knowledge.ts' });
  });

  it('has every file in a layer, and every import pointing down', () => {
    const files = [...new Set(edges.map((e) => e.from))];
    expect(files.filter((f) => !unitOf(f))).toEqual([]);
    expect(violations(edges)).toEqual([]);
  });

  it('has no cycles', () => {
    expect(cycles(edges)).toEqual([]);
  });

  it('would catch the kernel importing commands/, an adapter or a platform library, and a cycle', () => {
    expect(violations([{ from: 'src/core/bot.ts', to: 'commands/index.ts' }])).toEqual([expect.stringContaining('src/core/bot.ts (src/core) imports commands/index.ts')]);
    expect(violations([{ from: 'src/core/bot.ts', to: 'src/adapters/discord/render.ts' }])).toHaveLength(1);
    expect(violations([{ from: 'src/digest/scheduler.ts', to: 'discord.js' }])).toEqual(['src/digest/scheduler.ts imports the platform library discord.js']);
    expect(violations([{ from: 'src/summary/week.ts', to: '@slack/bolt' }])).toHaveLength(1);
    expect(violations([{ from: 'src/adapters/slack/render.ts', to: 'src/adapters/discord/render-text.ts' }])).toEqual([expect.stringContaining("another platform's")]);
    expect(cycles([
      { from: 'src/digest/a.ts', to: 'src/digest/b.ts' },
      { from: 'src/digest/b.ts', to: 'src/digest/a.ts' },
    ])).toEqual([['src/digest/a.ts', 'src/digest/b.ts']]);
  });
});

describe('the CLI and the console start light', () => {
  // What `cli incident …` and `npm start` without a platform load before their first line runs.
  // A platform library (and pg, the HTML and feed parsers, the state file's lowdb, and zod,
  // which validates data only when data:check has not: src/knowledge/open.ts) is imported where
  // it is used, with import(), so a script's cold answer does not pay for it. Allowed: dotenv
  // and fuse.js. pino, the one logger, is required when the first logger is made
  // (src/log/logger.ts), so an answer that logs nothing does not load it (~35 ms).
  const LIGHT = ['dotenv', 'fuse.js'];
  for (const entry of ['src/cli/index.ts', 'src/main.ts']) {
    it(`${entry} statically imports no platform library, pg, parser or schema library`, () => {
      const loaded = staticImportClosure(root, entry);
      expect(loaded).toContain('src/core/bot.ts'); // the walk follows project files
      const packages = [...loaded].filter((m) => !m.startsWith('src/') && !m.startsWith('commands/'));
      expect(packages.filter((p) => /^(discord\.js|@discordjs\/|@slack\/|pg$)/.test(p))).toEqual([]);
      expect(packages.filter((p) => !LIGHT.includes(p)).sort()).toEqual([]);
    });
  }

  it('would catch a platform library reached through a static import, not through import()', () => {
    const loaded = staticImportClosure(root, 'src/app/platforms.ts');
    expect(loaded).toContain('src/adapters/discord/platform.ts');
    expect(loaded).not.toContain('discord.js'); // loaded by start(), with import()
    expect(staticImportClosure(root, 'src/adapters/discord/index.ts')).toContain('discord.js');
    expect(staticImportClosure(root, 'src/store/pg/pg-storage.ts')).toContain('pg');
  });
});

describe('adding a command is one file', () => {
  // What a contributor writes: one neutral definition; nothing in either adapter changes.
  const shout: Command = {
    name: 'shout',
    description: { en: 'Says hello loudly', ur: 'زور سے سلام' },
    examples: { en: ['world'], ur: ['دنیا'] },
    options: [{ name: 'who', kind: 'text', required: true, description: { en: 'Whom to greet', ur: 'کسے سلام' } }],
    access: 'admin',
    where: 'channel',
    run(input, ctx) {
      return emptyReply('help', ctx.lang, `HELLO ${input.who ?? ''}`.toUpperCase());
    },
  };
  const registry = commandRegistry().add(shout);
  const base = testBot();
  const bot = new Bot(base.kb, base.search, base.config, registry);

  it('appears in the Discord definitions, with its access and place', () => {
    const json = discordCommands(registry).find((c) => c.name === 'shout');
    expect(json).toMatchObject({ description: 'Says hello loudly', default_member_permissions: '32', contexts: [0] });
    expect(json?.options?.[0]).toMatchObject({ name: 'who', type: 3, required: true });
  });

  it('appears in the Slack command names and manifest entries, and resolves', () => {
    expect(slackCommandNames(registry)).toContain('/ilzam-shout');
    expect(manifestSlashCommands(registry).find((c) => c.command === '/ilzam-shout')).toMatchObject({ description: 'Admins: says hello loudly', usage_hint: 'world' });
    expect(resolveSlashCommand(registry, '/ilzam', 'shout world').command?.name).toBe('shout');
  });

  it('manifest.json is the one npm run manifest writes from the registry', () => {
    const committed = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(slackManifest(commandRegistry()))));
  });

  it('appears in /help, and the Bot runs it only for whom and where it says', async () => {
    const inChannel = { platform: 'test', channel: 'C1', isAdmin: true, commandName: (n: string) => `/${n}`, words: { workspace: { en: 'server', ur: 'سرور' }, whoIsAdmin: { en: 'Admins only.', ur: 'صرف منتظمین۔' } } };
    const help = await bot.run('help', {}, inChannel);
    expect(help.fields.map((f) => f.label)).toContain('/shout');
    expect((await bot.run('shout', { who: 'world' }, inChannel)).title).toBe('HELLO WORLD');
    expect((await bot.run('shout', { who: 'world' }, { ...inChannel, isAdmin: false })).title).toBe('Only admins can use /shout');
    expect((await bot.run('shout', { who: 'world' }, { ...inChannel, channel: undefined })).title).toBe('/shout works in a channel');
  });

  it('the registry refuses a name the platforms would not take, and a duplicate', () => {
    expect(() => commandRegistry().add({ ...shout, name: 'Shout Out' })).toThrow(/lowercase/);
    expect(() => commandRegistry().add({ ...shout, name: 'help' })).toThrow(/twice/);
  });
});
