// Golden Urdu answers: the cards a native reader reviewed line by line (docs/urdu-style.md), in
// logical order as the terminal prints them. A change to any Urdu template shows up here as a
// diff to read, not only as a passing test. After a deliberate change (or new data for these
// incidents), read the new text and update with `npx vitest run test/golden.test.ts -u`.
import { describe, expect, it } from 'vitest';
import { renderTerminal } from '../src/adapters/console/render.ts';
import { testBot } from './helpers.ts';

const bot = testBot();
const text = async (command: string, input: Record<string, string>) => `${renderTerminal(await bot.run(command, input), { rtlMarks: false })}\n`;

describe('golden Urdu answers', () => {
  it.each(['volt-typhoon', 'sony-pictures-2014', 'colonial-pipeline-2021', 'shamoon-saudi-aramco-2012'])('the incident card of %s', async (id) => {
    await expect(await text('incident', { query: id, lang: 'ur' })).toMatchFileSnapshot(`golden/${id}.ur.txt`);
  });

  it('the full record of volt-typhoon', async () => {
    await expect(await text('incident', { query: 'volt-typhoon', lang: 'ur', detail: 'true' })).toMatchFileSnapshot('golden/volt-typhoon.detail.ur.txt');
  });

  it('an actor card (APT28) and a state (China)', async () => {
    await expect(await text('actor', { name: 'apt28', lang: 'ur' })).toMatchFileSnapshot('golden/actor-apt28.ur.txt');
    await expect(await text('actor', { name: 'چین' })).toMatchFileSnapshot('golden/actor-china.ur.txt');
  });

  it('a week (13–19 December 2020) and help', async () => {
    await expect(await text('week', { date: '2020-12-19', lang: 'ur' })).toMatchFileSnapshot('golden/week-2020-12-19.ur.txt');
    await expect(await text('help', { lang: 'ur' })).toMatchFileSnapshot('golden/help.ur.txt');
  });
});
