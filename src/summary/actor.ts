// The actor view: every name a party goes by (grouped by the vendor that uses it), its state,
// and its history: each incident where it accused, was accused, denied or counter-accused,
// newest first. For a state, the history also covers its agencies' and groups' claims.
import type { ClaimRef, Entity, KnowledgeBase } from '../knowledge/knowledge.ts';
import type { Lang } from '../i18n/lang.ts';
import { formatDate } from '../i18n/dates.ts';
import { kindName, list, t } from '../i18n/labels.ts';
import { directionOf, type Reply, type ReplyField } from '../reply/model.ts';
import { isArabicScript } from '../search/normalize.ts';

const MAX_NAME_GROUPS = 12;
const SHORT_HISTORY = 8;
const MAX_NAMES_PER_GROUP = 12;

type Role = 'accused' | 'accuser' | 'denied' | 'counter' | 'counterTarget' | 'silent' | 'official' | 'statement';

const ROLE_TEXT: Record<Role, Record<Lang, string>> = {
  accused: { en: 'accused', ur: 'ملزم ٹھہرایا گیا' },
  accuser: { en: 'accused others', ur: 'الزام عائد کیا' },
  denied: { en: 'denied', ur: 'تردید کی' },
  counter: { en: 'counter-accused', ur: 'جوابی الزام لگایا' },
  counterTarget: { en: 'target of a counter-accusation', ur: 'جوابی الزام کا نشانہ' },
  silent: { en: 'did not comment', ur: 'کوئی تبصرہ نہیں کیا' },
  official: { en: 'took official action', ur: 'سرکاری کارروائی کی' },
  statement: { en: 'made a statement', ur: 'بیان دیا' },
};

function roleOf(ref: ClaimRef, ids: Set<string>): Role | undefined {
  const { claim } = ref;
  const isBy = ids.has(claim.by);
  const isAgainst = claim.against.some((a) => ids.has(a));
  switch (claim.type) {
    case 'accusation':
    case 'confirmation':
      return isBy ? 'accuser' : isAgainst ? 'accused' : undefined;
    case 'sanction':
    case 'indictment':
      return isBy ? 'official' : isAgainst ? 'accused' : undefined;
    case 'denial':
      return isBy ? 'denied' : undefined;
    case 'counter-accusation':
      return isBy ? 'counter' : isAgainst ? 'counterTarget' : undefined;
    case 'no-response':
    case 'declined-to-comment':
      return isBy ? 'silent' : undefined;
    case 'statement':
      return isBy ? 'statement' : undefined;
  }
}

/** The ids whose claims count as this entity's: itself, and for a state its own parties. */
function idsFor(kb: KnowledgeBase, entity: Entity): Set<string> {
  const ids = new Set([entity.id]);
  if (entity.kind === 'state') for (const p of kb.parties.values()) if (p.state === entity.id) ids.add(p.id);
  return ids;
}

export interface HistoryItem {
  incidentId: string;
  title: string;
  latest: string;
  roles: Role[];
}

export function actorHistory(kb: KnowledgeBase, entity: Entity, lang: Lang): HistoryItem[] {
  const ids = idsFor(kb, entity);
  const byIncident = new Map<string, HistoryItem>();
  for (const id of ids) {
    for (const ref of kb.claimsByEntity.get(id) ?? []) {
      const role = roleOf(ref, ids);
      if (!role) continue;
      const item = byIncident.get(ref.incident.id) ?? { incidentId: ref.incident.id, title: ref.incident.title[lang], latest: '', roles: [] };
      if (!item.roles.includes(role)) item.roles.push(role);
      if (ref.claim.date > item.latest) item.latest = ref.claim.date;
      byIncident.set(ref.incident.id, item);
    }
  }
  return [...byIncident.values()].sort((a, b) => b.latest.localeCompare(a.latest) || a.incidentId.localeCompare(b.incidentId));
}

/** Names grouped by who uses them: "Microsoft: Strontium, Forest Blizzard". Urdu names first. */
function namesByVendor(entity: Entity, lang: Lang, detail: boolean): string[] {
  const perGroup = detail ? Infinity : MAX_NAMES_PER_GROUP;
  const groups = new Map<string, string[]>();
  const other = lang === 'ur' ? 'دیگر نام' : 'Other names';
  const urdu: string[] = [];
  for (const alias of entity.aliases) {
    if (isArabicScript(alias.name)) {
      urdu.push(alias.name);
      continue;
    }
    const vendor = alias.sources.length ? alias.sources.join(' / ') : other;
    const names = groups.get(vendor) ?? [];
    names.push(alias.name);
    groups.set(vendor, names);
  }
  const lines = [...groups.entries()]
    .sort(([a], [b]) => (a === other ? 1 : b === other ? -1 : a.localeCompare(b)))
    .map(([vendor, names]) => {
      const shown = names.slice(0, perGroup);
      const rest = names.length - shown.length;
      return `${vendor}: ${list(shown, lang)}${rest > 0 ? ` (+${rest} ${t('more', lang)})` : ''}`;
    });
  const capped = lines.length > MAX_NAME_GROUPS ? [...lines.slice(0, MAX_NAME_GROUPS), `+${lines.length - MAX_NAME_GROUPS} ${t('more', lang)}`] : lines;
  return urdu.length ? [list(urdu, lang), ...capped] : capped;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

export function entityTitle(entity: Entity, lang: Lang): string {
  return (lang === 'ur' ? entity.name.ur : undefined) ?? entity.name.en;
}

export function actorReply(kb: KnowledgeBase, entity: Entity, lang: Lang, detail = false): Reply {
  const fields: ReplyField[] = [];
  // With no curated state, CFR's suspected sponsor (via MISP) is shown as what it is, not as the state.
  const sponsor = entity.state ? undefined : entity.suspectedSponsor;
  const stateLine = entity.state ? entity.state.name[lang] : sponsor ? undefined : entity.countryHint;
  const head = [`${t('kind', lang)}: ${kindName(entity.kind, lang)}`];
  if (stateLine && entity.kind !== 'state') head.push(`${t('state', lang)}: ${stateLine}`);
  if (sponsor && entity.kind !== 'state') head.push(`${t('suspectedSponsor', lang)}: ${(lang === 'ur' ? sponsor.ur : undefined) ?? sponsor.en}`);
  const names = namesByVendor(entity, lang, detail);
  // The name in the other script leads: "اے پی ٹی 28" under APT28, "China" under چین.
  const otherScript = lang === 'ur' ? entity.name.en : entity.name.ur;
  if (otherScript && otherScript !== entityTitle(entity, lang)) {
    if (names[0] && isArabicScript(names[0]) === isArabicScript(otherScript)) names[0] = list([otherScript, names[0]], lang);
    else names.unshift(otherScript);
  }
  if (names.length) fields.push({ label: t('names', lang), lines: names });
  const history = actorHistory(kb, entity, lang);
  const shown = detail ? history : history.slice(0, SHORT_HISTORY);
  const lines = shown.map((h) => `${formatDate(h.latest, lang)}: ${h.title} (${list(h.roles.map((r) => ROLE_TEXT[r][lang]), lang)})`);
  if (history.length > shown.length) lines.push(`+${history.length - shown.length} ${t('more', lang)}`);
  fields.push({ label: t('history', lang), lines: lines.length ? lines : [t('noHistory', lang)] });
  const description = [head.join(' · '), entity.note?.[lang]].filter(Boolean).join('\n');
  return {
    kind: 'actor',
    lang,
    dir: directionOf(lang),
    title: entityTitle(entity, lang),
    description,
    fields,
    sources: (entity.actor?.refs ?? []).slice(0, detail ? 10 : 3).map((url) => ({ publisher: hostOf(url), title: url, date: '', url })),
    suggestions: [],
    footer: `${t('dataset', lang)} ${formatDate(kb.reviewed, lang)} · ${entity.id}`,
    ephemeral: false,
  };
}
