// What reviewers see, as neutral Replies for every platform and the terminal: the queue, one
// draft with its evidence and what blocks it, and the outcome of an action. Labels in both
// languages; the draft's own text (the evidence, the article's title) stays as the article
// wrote it. Every reply is for the reviewer alone.
import { formatDate } from '../i18n/dates.ts';
import { say, type Lang } from '../i18n/lang.ts';
import type { KnowledgeBase } from '../knowledge/knowledge.ts';
import { emptyReply, type Reply, type ReplyField } from '../reply/model.ts';
import type { DraftRecord, PublishedRecord } from '../store/storage.ts';
import type { DraftData } from './model.ts';
import type { ReviewResult, ReviewService } from './service.ts';

const TYPE_NAMES: Record<string, { en: string; ur: string }> = {
  accusation: { en: 'accusation', ur: 'الزام' },
  denial: { en: 'denial', ur: 'تردید' },
  'counter-accusation': { en: 'counter-accusation', ur: 'جوابی الزام' },
  confirmation: { en: 'confirmation', ur: 'تائید' },
  'claim-of-responsibility': { en: 'claim of responsibility', ur: 'ذمہ داری کا دعویٰ' },
  'tacit-acknowledgement': { en: 'tacit acknowledgement', ur: 'بالواسطہ اعتراف' },
  'no-response': { en: 'no response', ur: 'جواب نہیں دیا' },
  'declined-to-comment': { en: 'declined to comment', ur: 'تبصرے سے انکار' },
  sanction: { en: 'sanction', ur: 'پابندیاں' },
  indictment: { en: 'indictment', ur: 'فرد جرم' },
  arrest: { en: 'arrest', ur: 'گرفتاری' },
  conviction: { en: 'conviction', ur: 'سزا' },
  advisory: { en: 'advisory', ur: 'ایڈوائزری' },
  takedown: { en: 'takedown', ur: 'نیٹ ورک کے خلاف کارروائی' },
  'diplomatic-action': { en: 'diplomatic action', ur: 'سفارتی اقدام' },
  statement: { en: 'statement', ur: 'بیان' },
};

function partyText(kb: KnowledgeBase, p: { id: string | null; name: string }, lang: Lang): string {
  const known = p.id ? kb.parties.get(p.id) : undefined;
  return known ? known.name[lang] : `${p.name} (?)`;
}

export function queueReply(kb: KnowledgeBase, review: ReviewService, queue: { drafts: { record: DraftRecord; data: DraftData }[]; total: number }, lang: Lang, commandName: (n: string) => string): Reply {
  const reply = emptyReply('help', lang, say(lang, { en: `Drafts waiting for review: ${queue.total}`, ur: `نظرثانی کے منتظر مسودے: ${queue.total}` }), true);
  if (!queue.total) {
    reply.description = say(lang, { en: 'Nothing is waiting. Ingestion adds drafts as articles arrive.', ur: 'کوئی مسودہ منتظر نہیں۔ نئی خبریں آنے پر مسودے خود شامل ہوتے ہیں۔' });
    return reply;
  }
  const cmd = commandName('review');
  reply.description = say(lang, { en: `Oldest first. ${cmd} show:<id> to see one; approve:<id> or reject:<id> reason:… to decide.`, ur: `پہلے پرانے۔ کسی ایک کو دیکھنے کے لیے ${cmd} show:<id>؛ فیصلے کے لیے approve:<id> یا reject:<id> reason:…` });
  reply.fields = queue.drafts.map(({ record, data }) => {
    const claims = review.claimsOf(data).filter((c) => c.keep);
    const incident = review.incidentOf(data);
    const target = incident === 'new' ? say(lang, { en: 'new incident', ur: 'نیا واقعہ' }) : (kb.incidents.get(incident)?.title[lang] ?? incident);
    return {
      label: record.id,
      lines: [
        `${data.title || data.url} — ${data.source}${data.published ? `, ${formatDate(data.published, lang)}` : ''}`,
        `${claims.map((c) => TYPE_NAMES[c.type]?.[lang] ?? c.type).join(lang === 'ur' ? '، ' : ', ')} → ${target}`,
      ],
    };
  });
  if (queue.total > queue.drafts.length) reply.footer = say(lang, { en: `and ${queue.total - queue.drafts.length} more`, ur: `اور ${queue.total - queue.drafts.length} مزید` });
  return reply;
}

export function draftReply(kb: KnowledgeBase, review: ReviewService, record: DraftRecord, data: DraftData, lang: Lang): Reply {
  const reply = emptyReply('help', lang, data.title || data.url, true);
  reply.description = [
    `${record.id} · v${record.version} · ${record.status}`,
    `${data.source}${data.published ? ` · ${formatDate(data.published, lang)}` : ''} · ${data.language}`,
  ].join('\n');
  const fields: ReplyField[] = review.claimsOf(data).map((c, i) => ({
    label: `${say(lang, { en: 'Claim', ur: 'دعویٰ' })} ${i + 1}${c.keep ? '' : say(lang, { en: ' (dropped)', ur: ' (خارج)' })}: ${TYPE_NAMES[c.type]?.[lang] ?? c.type}`,
    lines: [
      `${say(lang, { en: 'by', ur: 'از' })} ${partyText(kb, c.by, lang)}${c.against.length ? ` · ${say(lang, { en: 'against', ur: 'بر' })} ${c.against.map((a) => partyText(kb, a, lang)).join(lang === 'ur' ? '، ' : ', ')}` : ''}`,
      `${c.date ? formatDate(c.date, lang) : say(lang, { en: 'no date', ur: 'تاریخ نہیں' })}${c.strength ? ` · ${c.strength}` : ''}${c.basis ? ` · ${c.basis}` : ''}`,
      `“${c.evidence}”`,
    ],
  }));
  const incident = review.incidentOf(data);
  const preview = review.preview(data);
  const target =
    incident === 'new'
      ? preview.publication?.mode === 'new'
        ? `${say(lang, { en: 'New incident', ur: 'نیا واقعہ' })}: ${(preview.publication.title as { en: string; ur: string })[lang]}`
        : say(lang, { en: 'New incident (to complete)', ur: 'نیا واقعہ (مکمل کرنا باقی)' })
      : `${say(lang, { en: 'Adds to', ur: 'اس واقعے میں شامل' })}: ${kb.incidents.get(incident)?.title[lang] ?? incident}`;
  fields.push({ label: say(lang, { en: 'Incident', ur: 'واقعہ' }), lines: [target] });
  if (preview.problems.length) fields.push({ label: say(lang, { en: 'Before it can be approved', ur: 'منظوری سے پہلے' }), lines: preview.problems });
  const history = data.review?.history ?? [];
  if (history.length) fields.push({ label: say(lang, { en: 'History', ur: 'ریکارڈ' }), lines: history.slice(-5).map((h) => `${h.at.slice(0, 16).replace('T', ' ')} ${h.action} ${h.by} (${h.where})${h.reason ? `: ${h.reason}` : ''}${h.change ? `: ${h.change}` : ''}`) });
  reply.fields = fields;
  reply.sources = [{ publisher: data.source, title: data.title || data.url, date: data.published ? formatDate(data.published, lang) : '', url: data.url }];
  return reply;
}

export function outcomeReply(kb: KnowledgeBase, result: ReviewResult, action: 'edit' | 'approve' | 'reject', lang: Lang, commandName: (n: string) => string): Reply {
  if (!result.ok) {
    const titles = {
      'not-found': { en: 'No such draft', ur: 'ایسا کوئی مسودہ نہیں' },
      decided: { en: 'Already decided', ur: 'فیصلہ پہلے ہی ہو چکا' },
      stale: { en: 'The draft changed meanwhile', ur: 'اس دوران مسودہ تبدیل ہو گیا' },
      invalid: { en: 'That change cannot be made', ur: 'یہ تبدیلی ممکن نہیں' },
      incomplete: { en: 'Not ready to publish', ur: 'ابھی شائع نہیں ہو سکتا' },
    } as const;
    const reply = emptyReply('usage', lang, say(lang, titles[result.problem]), true);
    reply.description = result.messages.join('\n');
    return reply;
  }
  if (action === 'approve') {
    const published = result.published as PublishedRecord | undefined;
    const incident = published ? kb.incidents.get(published.incidentId) : undefined;
    const reply = emptyReply('help', lang, say(lang, { en: 'Approved and published', ur: 'منظور اور شائع' }), true);
    reply.description = published
      ? say(lang, {
          en: `It is answerable now: ${commandName('incident')} ${published.incidentId}${incident ? ` (“${incident.title.en}”)` : ''}.`,
          ur: `اب یہ جواب میں شامل ہے: ${commandName('incident')} ${published.incidentId}${incident ? ` (’${incident.title.ur}‘)` : ''}۔`,
        })
      : '';
    return reply;
  }
  const reply = emptyReply('help', lang, action === 'reject' ? say(lang, { en: 'Rejected', ur: 'مسترد' }) : say(lang, { en: 'Draft updated', ur: 'مسودہ اپ ڈیٹ ہو گیا' }), true);
  reply.description = `${result.draft.id} · v${result.draft.version}`;
  return reply;
}
