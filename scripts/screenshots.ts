// npm run screenshots: renders a few Urdu answers the way Discord and Slack lay them out and
// saves PNGs in docs/img/, so a reader of docs/discord.md and docs/slack.md sees what users see.
// The page follows each client's direction rules: Discord gives every line the direction of its
// first strong character (dir="auto" per line), Slack lays every line out left to right. The
// payloads are the renderers' own (renderDiscord, renderSlack); only markdown is turned into HTML.
//
// Needs Debian's Chromium and an Urdu font: apt-get install -y chromium fonts-noto-core.
// Not part of npm test: it starts a browser.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commandRegistry } from '../commands/index.ts';
import { DISCORD_WORDS } from '../src/adapters/discord/commands.ts';
import { renderDiscord } from '../src/adapters/discord/render.ts';
import { slackCommandName, SLACK_WORDS } from '../src/adapters/slack/commands.ts';
import { renderSlack } from '../src/adapters/slack/render.ts';
import { Bot } from '../src/core/bot.ts';
import type { Caller } from '../src/core/command.ts';
import type { Reply } from '../src/reply/model.ts';

const OUT = path.resolve(import.meta.dirname, '../docs/img');
const CHROMIUM = process.env.CHROMIUM ?? 'chromium';

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Discord markdown for one line: links, code, escapes; the rest is text. */
function discordLine(line: string): string {
  const parts: string[] = [];
  const pattern = /(?<!\\)\[((?:\\.|[^\]\\])*)\]\((https?:[^)\s]+)\)|`([^`]*)`/gu;
  let last = 0;
  const text = (s: string) => html(s.replace(/\\(.)/gu, '$1'));
  for (const m of line.matchAll(pattern)) {
    parts.push(text(line.slice(last, m.index)));
    parts.push(m[3] !== undefined ? `<code>${html(m[3])}</code>` : `<a>${text(m[1]!)}</a>`);
    last = m.index + m[0].length;
  }
  parts.push(text(line.slice(last)));
  return `<div dir="auto">${parts.join('') || '&nbsp;'}</div>`;
}

function discordPage(reply: Reply): string {
  const e = renderDiscord(reply).embeds[0]!;
  const lines = (s: string | undefined) => (s ?? '').split('\n').map(discordLine).join('');
  const fields = (e.fields ?? []).map((f) => `<div class="name">${lines(f.name)}</div><div class="value">${lines(f.value)}</div>`).join('');
  return `<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; background: #313338; font: 15px/1.45 "Noto Sans", "Noto Naskh Arabic", sans-serif; color: #dbdee1; }
    .embed { margin: 16px; max-width: 640px; background: #2b2d31; border-left: 4px solid #${(e.color ?? 0).toString(16).padStart(6, '0')}; border-radius: 4px; padding: 10px 16px 14px; }
    .title { font-weight: 700; font-size: 16px; color: #f2f3f5; margin: 4px 0 8px; }
    .name { font-weight: 700; color: #f2f3f5; margin-top: 10px; }
    .footer { margin-top: 12px; font-size: 12px; color: #b5bac1; }
    a { color: #00a8fc; } code { background: #1e1f22; padding: 0 3px; border-radius: 3px; font-size: 13px; }
  </style><div class="embed"><div class="title">${lines(e.title)}</div>${lines(e.description)}${fields}<div class="footer">${lines(e.footer?.text)}</div></div>`;
}

/** Slack mrkdwn for one line: links, bold, entities; every line left to right. */
function slackLine(line: string): string {
  const decoded = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  let out = '';
  let last = 0;
  for (const m of line.matchAll(/<(https?:[^|>]+)\|([^>]*)>/gu)) {
    out += html(decoded(line.slice(last, m.index))) + `<a>${html(decoded(m[2]!))}</a>`;
    last = m.index + m[0].length;
  }
  out += html(decoded(line.slice(last)));
  out = out.replace(/^(\u200F?)\*(.*)\*(\u200F?)$/u, '$1<b>$2</b>$3');
  return `<div dir="ltr">${out || '&nbsp;'}</div>`;
}

function slackPage(reply: Reply): string {
  const payload = renderSlack(reply);
  const blocks = (payload.blocks as any[])
    .map((b) => {
      const lines = (s: string) => s.split('\n').map(slackLine).join('');
      if (b.type === 'header') return `<div class="header">${lines(b.text.text)}</div>`;
      if (b.type === 'section') return `<div class="section">${b.text ? lines(b.text.text) : ''}${(b.fields ?? []).map((f: any) => `<div>${lines(f.text)}</div>`).join('')}</div>`;
      if (b.type === 'context') return `<div class="context">${b.elements.map((el: any) => lines(el.text)).join('')}</div>`;
      return '';
    })
    .join('');
  return `<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; background: #fff; font: 15px/1.46 "Noto Sans", "Noto Naskh Arabic", sans-serif; color: #1d1c1d; }
    .message { margin: 16px; max-width: 640px; border-left: 3px solid #e8e8e8; padding-left: 12px; }
    .who { font-weight: 900; margin-bottom: 4px; } .header { font-weight: 900; font-size: 18px; margin: 4px 0 8px; }
    .section { margin: 6px 0; } .context { margin: 6px 0; font-size: 13px; color: #616061; } a { color: #1264a3; }
  </style><div class="message"><div class="who">ilzam <span style="font-weight:400;color:#616061;font-size:12px">APP</span></div>${blocks}</div>`;
}

function caller(platform: 'discord' | 'slack'): Caller {
  return {
    platform,
    workspace: 'W1',
    channel: 'C1',
    isAdmin: false,
    commandName: (name) => (platform === 'slack' ? slackCommandName(name, 'prefixed') : `/${name}`),
    words: platform === 'slack' ? SLACK_WORDS : DISCORD_WORDS,
  };
}

function shoot(page: string, file: string, height: number): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ilzam-shot-'));
  try {
    const htmlFile = path.join(dir, 'page.html');
    writeFileSync(htmlFile, page);
    const result = spawnSync(
      CHROMIUM,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--hide-scrollbars', '--force-device-scale-factor=1', `--user-data-dir=${path.join(dir, 'profile')}`, `--window-size=680,${height}`, `--screenshot=${file}`, `file://${htmlFile}`],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (result.status !== 0) throw new Error(`chromium failed (${result.status}): ${result.stderr || result.error}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const bot = await Bot.open({ defaultLang: 'en', timeZone: 'Asia/Karachi' }, commandRegistry());
  const shots: { file: string; platform: 'discord' | 'slack'; command: string; input: Record<string, string>; height: number }[] = [
    { file: 'discord-incident-ur.png', platform: 'discord', command: 'incident', input: { query: 'volt typhoon', lang: 'ur' }, height: 585 },
    { file: 'slack-incident-ur.png', platform: 'slack', command: 'incident', input: { query: 'volt typhoon', lang: 'ur' }, height: 545 },
    { file: 'discord-help-ur.png', platform: 'discord', command: 'help', input: { lang: 'ur' }, height: 705 },
    { file: 'slack-week-ur.png', platform: 'slack', command: 'week', input: { date: '2020-12-19', lang: 'ur' }, height: 420 },
  ];
  for (const shot of shots) {
    const reply = await bot.run(shot.command, shot.input, caller(shot.platform));
    const page = shot.platform === 'discord' ? discordPage(reply) : slackPage(reply);
    shoot(page, path.join(OUT, shot.file), shot.height);
    console.log(`wrote docs/img/${shot.file}`);
  }
}

await main();
