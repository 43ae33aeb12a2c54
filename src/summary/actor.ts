// The actor view: every name a party goes by (grouped by the vendor that uses it), its state,
// and its history: each incident where it accused, was accused, denied or counter-accused,
// newest first. For a state, the history also covers its agencies' and groups' claims.
import type { ClaimRef, Entity, KnowledgeBase } from '../knowledge/knowledge.ts';
import type { Lang } from '../i18n/lang.ts';
import { formatDate } from '../i18n/dates.ts';
import { embed } from '../i18n/bidi.ts';
import { andList, kindName, list, moreLabel, t } from '../i18n/labels.ts';
import { countryOf } from '../knowledge/lookup.ts';
import { shownType } from './claims.ts';
import { footerLine } from './incident.ts';
import { directionOf, type Reply, type ReplyField } from '../reply/model.ts';
import { isArabicScript } from '../search/normalize.ts';

const MAX_NAME_GROUPS = 12;
const SHORT_HISTORY = 8;
const MAX_NAMES_PER_GROUP = 12;

type Role = 'accused' | 'accuser' | 'claimed' | 'tacit' | 'denied' | 'counter' | 'counterTarget' | 'silent' | 'official' | 'actionTarget' | 'statement';

// Noun phrases and actives that carry no gender: «الزام کا سامنا», not «ملزم ٹھہرایا گیا» (which
// reads as a verdict, and is masculine whether the party is a فوج or a سروس).
const ROLE_TEXT: Record<Role, Record<Lang, string>> = {
  accused: { en: 'accused', ur: 'الزام کا سامنا' },
  accuser: { en: 'made an accusation', ur: 'الزام عائد کیا' },
  claimed: { en: 'claimed responsibility', ur: 'ذمہ داری قبول کی' },
  tacit: { en: 'implied involvement', ur: 'ملوث ہونے کا اشارہ دیا' },
  denied: { en: 'denied', ur: 'تردید کی' },
  counter: { en: 'counter-accused', ur: 'جوابی الزام لگایا' },
  counterTarget: { en: 'target of a counter-accusation', ur: 'جوابی الزام کا نشانہ' },
  silent: { en: 'did not comment', ur: 'تبصرہ نہیں کیا' },
  official: { en: 'took official action', ur: 'سرکاری کارروائی کی' },
  actionTarget: { en: 'faced official action', ur: 'سرکاری کارروائی کا سامنا' },
  statement: { en: 'made a statement', ur: 'بیان دیا' },
};

/**
 * The role a claim gives the entity. `self` is the entity's own id: a claim of responsibility is
 * the group's own, never lifted to the state it is attributed to.
 */
function roleOf(ref: ClaimRef, ids: Set<string>, self: string): Role | undefined {
  const { claim } = ref;
  const isBy = ids.has(claim.by);
  const isAgainst = claim.against.some((a) => ids.has(a));
  switch (shownType(claim)) {
    case 'accusation':
    case 'confirmation':
      return isBy ? 'accuser' : isAgainst ? 'accused' : undefined;
    case 'claim-of-responsibility':
      return claim.by === self ? 'claimed' : undefined;
    case 'tacit-acknowledgement':
      return isBy ? 'tacit' : undefined;
    case 'sanction':
    case 'indictment':
    case 'arrest':
    case 'conviction':
    case 'advisory':
    case 'takedown':
    case 'diplomatic-action':
      return isBy ? 'official' : isAgainst ? 'actionTarget' : undefined;
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
      const role = roleOf(ref, ids, entity.id);
      if (!role) continue;
      const item = byIncident.get(ref.incident.id) ?? { incidentId: ref.incident.id, title: ref.incident.title[lang], latest: '', roles: [] };
      if (!item.roles.includes(role)) item.roles.push(role);
      if (ref.claim.date > item.latest) item.latest = ref.claim.date;
      byIncident.set(ref.incident.id, item);
    }
  }
  return [...byIncident.values()].sort((a, b) => b.latest.localeCompare(a.latest) || a.incidentId.localeCompare(b.incidentId));
}

/**
 * Names grouped by who uses them: "Microsoft: Forest Blizzard, STRONTIUM". Urdu names first, on
 * a line of their own; a vendor's line is Latin, joined with ", " and marked as one field.
 */
function namesByVendor(entity: Entity, lang: Lang, detail: boolean): string[] {
  const perGroup = detail ? Infinity : MAX_NAMES_PER_GROUP;
  const groups = new Map<string, string[]>();
  const OTHER = '';
  const urdu: string[] = [];
  for (const alias of entity.aliases) {
    if (isArabicScript(alias.name)) {
      urdu.push(alias.name);
      continue;
    }
    const vendor = alias.sources.length ? alias.sources.join(' / ') : OTHER;
    const names = groups.get(vendor) ?? [];
    names.push(alias.name);
    groups.set(vendor, names);
  }
  const lines = [...groups.entries()]
    .sort(([a], [b]) => (a === OTHER ? 1 : b === OTHER ? -1 : a.localeCompare(b)))
    .map(([vendor, names]) => {
      const shown = names.slice(0, perGroup);
      const rest = names.length - shown.length;
      const more = rest > 0 ? ` (${moreLabel(rest, lang)})` : '';
      const latin = shown.join(', ');
      if (vendor === OTHER) return `${t('otherNames', lang)}: ${embed(latin, lang)}${more}`;
      return `${embed(`${vendor}: ${latin}`, lang)}${more}`;
    });
  const capped = lines.length > MAX_NAME_GROUPS ? [...lines.slice(0, MAX_NAME_GROUPS), moreLabel(lines.length - MAX_NAME_GROUPS, lang)] : lines;
  return urdu.length ? [list(urdu.map((n) => embed(n, lang)), lang), ...capped] : capped;
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

/** Groups are attributed to a state (an allegation); agencies, companies and people belong to a country. */
function countryLabel(kind: Entity['kind'], lang: Lang): string {
  return kind === 'threat-group' || kind === 'criminal-group' ? t('attributedTo', lang) : t('country', lang);
}

export function actorReply(kb: KnowledgeBase, entity: Entity, lang: Lang, detail = false): Reply {
  const fields: ReplyField[] = [];
  const head = [`${t('kind', lang)}: ${kindName(entity.kind, lang)}`];
  const country = countryOf(kb, entity, lang);
  if (country) head.push(`${countryLabel(entity.kind, lang)}: ${embed(country, lang)}`);
  // With no curated state, CFR's suspected sponsor (via MISP) is shown as what it is, not as the state.
  const sponsor = entity.state ? undefined : entity.suspectedSponsor;
  if (sponsor && entity.kind !== 'state') head.push(`${t('suspectedSponsor', lang)}: ${embed((lang === 'ur' ? sponsor.ur : undefined) ?? sponsor.en, lang)}`);
  const names = namesByVendor(entity, lang, detail);
  // The name in the other script leads: "APT28" on a line of its own under «اے پی ٹی 28», and
  // «چین» with the other Urdu names under "China".
  const otherScript = lang === 'ur' ? entity.name.en : entity.name.ur;
  if (otherScript && otherScript !== entityTitle(entity, lang)) {
    const urduLine = lang === 'en' && names[0] !== undefined && isArabicScript(names[0]);
    if (urduLine) names[0] = list([embed(otherScript, lang), names[0]!], lang);
    else names.unshift(embed(otherScript, lang));
  }
  if (names.length) fields.push({ label: t('names', lang), lines: names });
  const history = actorHistory(kb, entity, lang);
  const shown = detail ? history : history.slice(0, SHORT_HISTORY);
  // "24 May 2023: Volt Typhoon: intrusions … — accused, denied": a dash, not brackets, since titles have their own.
  const lines = shown.map((h) => `${formatDate(h.latest, lang)}: ${h.title} — ${andList(h.roles.map((r) => ROLE_TEXT[r][lang]), lang)}`);
  if (history.length > shown.length) lines.push(moreLabel(history.length - shown.length, lang));
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
    footer: footerLine(kb, lang, entity.id),
    ephemeral: false,
  };
}
