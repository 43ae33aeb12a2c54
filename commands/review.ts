// /review: the queue of drafts the ingester made, for reviewers (Manage Server or a configured
// role on Discord; workspace admins and SLACK_REVIEWERS on Slack). With no action it lists the
// queue; show:<id> shows one draft with its evidence; edit:<id> corrects a claim or the
// incident; approve:<id> publishes it; reject:<id> reason:… rejects it. On Slack the same is
// typed: "/ilzam-review approve ing-1a2b", "/ilzam-review edit ing-1a2b claim:2 by:china".
import type { Command, CommandContext, CommandInput } from '../src/core/command.ts';
import { say } from '../src/i18n/lang.ts';
import { unavailableReply, usageReply } from '../src/reply/common.ts';
import { draftReply, outcomeReply, queueReply } from '../src/review/replies.ts';
import type { DraftChange, Reviewer } from '../src/review/service.ts';
import { CLAIM_TYPES, isClaimType, isStrength, STRENGTHS } from '../src/domain/vocabulary.ts';
import { LANG_OPTION } from './shared.ts';

const ACTIONS = ['list', 'show', 'edit', 'approve', 'reject'] as const;
const EDIT_FIELDS = ['claim', 'type', 'by', 'against', 'date', 'strength', 'keep', 'incident', 'id', 'title-en', 'title-ur', 'summary-en', 'summary-ur', 'victim-en', 'victim-ur'] as const;
const FIELDS = ['action', 'draft', ...EDIT_FIELDS, 'reason', 'lang'] as const;
const FIELD = new RegExp(`(?:^|\\s)(${[...FIELDS, ...ACTIONS].join('|')}):`, 'gi');

/**
 * Free text as Slack and the console give it: an optional action word and draft id first
 * ("approve ing-1a2b"), then key:value pairs whose values run to the next key, so a name with
 * spaces needs no quotes ("by:china foreign ministry against:volt typhoon").
 */
export function parseReviewText(text: string): CommandInput {
  const input: CommandInput = Object.create(null);
  const trimmed = text.trim();
  const firstKey = trimmed.search(FIELD);
  const head = (firstKey === -1 ? trimmed : trimmed.slice(0, firstKey)).trim().split(/\s+/).filter(Boolean);
  if (head[0] && (ACTIONS as readonly string[]).includes(head[0].toLowerCase())) input.action = head.shift()!.toLowerCase();
  if (head[0]) input.draft = head.shift();
  if (firstKey === -1) return input;
  const rest = trimmed.slice(firstKey);
  const marks = [...rest.matchAll(FIELD)];
  marks.forEach((m, i) => {
    const key = m[1]!.toLowerCase();
    const start = m.index! + m[0].length;
    const value = rest.slice(start, i + 1 < marks.length ? marks[i + 1]!.index : undefined).trim();
    // "approve:ing-1a2b" names the action and the draft at once.
    if ((ACTIONS as readonly string[]).includes(key)) {
      input.action = key;
      if (value) input.draft = value;
    } else input[key] = value;
  });
  return input;
}

function reviewerOf(ctx: CommandContext): Reviewer {
  const { caller } = ctx;
  return {
    id: `${caller.platform}:${caller.user ?? 'unknown'}`,
    where: caller.channel ? `${caller.platform}:${caller.workspace ?? '-'}/${caller.channel}` : caller.platform,
  };
}

function changeOf(input: CommandInput): DraftChange | string {
  const change: DraftChange = {};
  if (input.claim !== undefined) {
    const n = Number(input.claim);
    if (!Number.isInteger(n) || n < 1) return `claim:${input.claim} is not a claim number`;
    change.claim = n;
  }
  const edit: NonNullable<DraftChange['edit']> = {};
  if (input.type) {
    const t = input.type.trim().toLowerCase().replace(/\s+/g, '-');
    if (!isClaimType(t)) return `type:${input.type} is not a claim type (${CLAIM_TYPES.join(', ')})`;
    edit.type = t;
  }
  if (input.by) edit.by = input.by;
  if (input.against !== undefined) edit.against = input.against.split(',').map((s) => s.trim()).filter(Boolean);
  if (input.date) edit.date = input.date.trim();
  if (input.strength) {
    const value = input.strength.trim().toLowerCase();
    if (value === 'none') edit.strength = null;
    else {
      if (!isStrength(value)) return `strength:${input.strength} is not one of ${STRENGTHS.join(', ')} (or none)`;
      edit.strength = value;
    }
  }
  if (input.keep !== undefined) edit.keep = !/^(no|false|0|drop)$/i.test(input.keep.trim());
  if (Object.keys(edit).length) change.edit = edit;
  if (input.incident) change.incident = input.incident;
  const ni = {
    id: input.id?.trim() || undefined,
    titleEn: input['title-en'],
    titleUr: input['title-ur'],
    summaryEn: input['summary-en'],
    summaryUr: input['summary-ur'],
    victimEn: input['victim-en'],
    victimUr: input['victim-ur'],
  };
  if (Object.values(ni).some((v) => v !== undefined && v !== '')) change.newIncident = ni;
  return change;
}

const text = (name: string, en: string, ur: string, extra: Partial<Command['options'][number]> = {}) => ({ name, kind: 'text' as const, description: { en, ur }, ...extra });

export const review: Command = {
  name: 'review',
  description: { en: 'Review drafts from the news before they are published', ur: 'خبروں سے بنے مسودوں کی اشاعت سے پہلے نظرثانی' },
  examples: { en: ['', 'show:ing-1a2b', 'approve:ing-1a2b', 'reject:ing-1a2b reason:not about a cyber attack'], ur: ['lang:ur', 'show:ing-1a2b lang:ur'] },
  options: [
    text('action', 'list (the default), show, edit, approve or reject', 'فہرست، دکھائیں، ترمیم، منظور یا مسترد', {
      choices: ACTIONS.map((a) => ({ value: a, label: { en: a, ur: a } })),
    }),
    text('draft', 'The draft’s id (from the list)', 'مسودے کی شناخت', { autocomplete: 'draft', maxLength: 120 }),
    text('claim', 'Edit: which claim (1, 2 …)', 'کون سا دعویٰ', { maxLength: 4 }),
    text('type', 'Edit: the claim’s type (accusation, denial …)', 'دعوے کی قسم', { maxLength: 40 }),
    text('by', 'Edit: who made the claim (any name)', 'دعویٰ کس نے کیا', { maxLength: 120 }),
    text('against', 'Edit: whom it is about (names, comma-separated)', 'کس کے بارے میں', { maxLength: 300 }),
    text('date', 'Edit: when (YYYY-MM-DD)', 'تاریخ', { maxLength: 10 }),
    text('strength', 'Edit: stated strength (responsible, likely, linked … or none)', 'دعوے کی قوت', { maxLength: 20 }),
    text('keep', 'Edit: keep the claim (yes) or drop it (no)', 'رکھیں یا خارج کریں', { maxLength: 5 }),
    text('incident', 'Edit: the incident it belongs to, or "new"', 'متعلقہ واقعہ، یا new', { maxLength: 120 }),
    text('id', 'Edit: a new incident’s id (a slug)', 'نئے واقعے کی شناخت', { maxLength: 80 }),
    text('title-en', 'Edit: a new incident’s English title', 'انگریزی عنوان', { maxLength: 200 }),
    text('title-ur', 'Edit: a new incident’s Urdu title', 'اردو عنوان', { maxLength: 200 }),
    text('summary-en', 'Edit: a new incident’s English summary', 'انگریزی خلاصہ', { maxLength: 1000 }),
    text('summary-ur', 'Edit: a new incident’s Urdu summary', 'اردو خلاصہ', { maxLength: 1000 }),
    text('victim-en', 'Edit: a victim, in English', 'متاثرہ فریق، انگریزی میں', { maxLength: 200 }),
    text('victim-ur', 'Edit: the same victim, in Urdu', 'متاثرہ فریق، اردو میں', { maxLength: 200 }),
    text('reason', 'Reject: why (kept on the record)', 'مسترد کرنے کی وجہ', { maxLength: 500 }),
    LANG_OPTION,
  ],
  access: 'reviewer',
  private: true,
  parseText: parseReviewText,
  async run(input, ctx) {
    const lang = ctx.lang;
    const service = ctx.services.review;
    if (!service) return unavailableReply(lang, { en: 'Review is not switched on here', ur: 'یہاں نظرثانی فعال نہیں' });
    const action = (input.action?.trim().toLowerCase() || (input.draft ? 'show' : 'list')) as (typeof ACTIONS)[number];
    if (!(ACTIONS as readonly string[]).includes(action)) return usageReply(lang, say(lang, { en: `“${action}” is not a review action`, ur: `’${action}‘ نظرثانی کا کوئی عمل نہیں` }), ACTIONS.join(' · '));
    if (action === 'list') return queueReply(ctx.kb, service, await service.pending(10), lang, ctx.caller.commandName);
    const id = input.draft?.trim();
    if (!id) return usageReply(lang, say(lang, { en: 'Which draft?', ur: 'کون سا مسودہ؟' }), `${ctx.caller.commandName('review')} ${action}:<id>`);
    const reviewer = reviewerOf(ctx);
    if (action === 'show') {
      const found = await service.get(id);
      if (!found) return outcomeReply(ctx.kb, { ok: false, problem: 'not-found', messages: [`there is no draft “${id.slice(0, 80)}”`] }, 'edit', lang, ctx.caller.commandName);
      return draftReply(ctx.kb, service, found.record, found.data, lang);
    }
    if (action === 'approve') return outcomeReply(ctx.kb, await service.approve(id, reviewer), 'approve', lang, ctx.caller.commandName);
    if (action === 'reject') return outcomeReply(ctx.kb, await service.reject(id, reviewer, input.reason ?? ''), 'reject', lang, ctx.caller.commandName);
    const change = changeOf(input);
    if (typeof change === 'string') return usageReply(lang, say(lang, { en: 'That change cannot be made', ur: 'یہ تبدیلی ممکن نہیں' }), change);
    const result = await service.edit(id, change, reviewer);
    if (!result.ok) return outcomeReply(ctx.kb, result, 'edit', lang, ctx.caller.commandName);
    return draftReply(ctx.kb, service, result.draft, result.data, lang);
  },
};
