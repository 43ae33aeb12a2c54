// One Bot for all core tests: loading and indexing the real dataset and registry once.
import { commandRegistry } from '../commands/index.ts';
import { Bot } from '../src/core/bot.ts';
import { loadKnowledgeBase } from '../src/knowledge/load.ts';

let shared: Bot | undefined;

export function testBot(): Bot {
  shared ??= Bot.fromKnowledge(loadKnowledgeBase(), { defaultLang: 'en', timeZone: 'Asia/Karachi' }, commandRegistry());
  return shared;
}

export const ARABIC = /[\u0600-\u06FF]/;
