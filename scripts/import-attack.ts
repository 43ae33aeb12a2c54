// npm run data:import-attack — imports the MITRE ATT&CK campaigns that ATT&CK attributes to a
// group as incidents marked `imported` (data/imported/<id>.json), with the parties they need
// (data/parties/imported.json). Breadth, honestly labelled: each incident holds one accusation,
// by MITRE ATT&CK, citing the campaign's ATT&CK page; titles and summaries come from the
// templates below and say nothing the catalogue does not; nobody has looked for denials, so
// the bot says "denials not yet reviewed". docs/data-model.md ("Imported incidents") has the rules.
//
// Usage: tsx scripts/import-attack.ts [sourceDir]
//   sourceDir holds attack-campaigns.json and attack-groups.json (the extract described in its
//   SOURCES.md); it defaults to $ILZAM_ALIASES_DIR, else ../shared/data/aliases beside the repo.
//   Build time only: the bot reads the files this writes, never the source folder.
//
// Re-running on the same inputs rewrites the same files. A campaign a curated incident already
// covers is skipped (COVERED below, or a campaign name that is a curated incident's name), and
// the skips are printed. Do not edit the output by hand: curate a campaign by writing a curated
// incident for it and adding it to COVERED, then re-run.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Incident, PartiesFile, type Claim, type Party } from '../src/domain/schema.ts';
import { formatDate } from '../src/i18n/dates.ts';
import type { Lang } from '../src/i18n/lang.ts';
import { loadRegistry, type AliasRegistry, type RegistryActor } from '../src/registry/registry.ts';
import { compactKey } from '../src/search/normalize.ts';
import { IMPORTED_DIR } from '../src/store/curated.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SOURCE_DIR = path.resolve(REPO, '../shared/data/aliases');
export const DEFAULT_DATA_DIR = path.join(REPO, 'data');
/** The party file this script owns; every other file in data/parties is curated. */
export const IMPORTED_PARTIES_FILE = 'imported.json';
export const MITRE_PARTY = 'mitre-attack';

// ---------- what the extract does not say ----------

/** ATT&CK releases, from mitre/cti's CHANGELOG.md (v18.1: the extract's own header). */
const RELEASES: Record<string, string> = {
  '12.0': '2022-10-25',
  '13.0': '2023-04-25',
  '14.0': '2023-10-31',
  '15.0': '2024-04-23',
  '16.0': '2024-10-31',
  '17.0': '2025-04-22',
  '18.0': '2025-10-28',
  '18.1': '2025-11-13',
};

/**
 * For each attributed campaign: the ATT&CK release in which its `attributed-to` relationship
 * first appeared (the first "ATT&CK vN Enterprise" commit of mitre/cti that adds the
 * relationship object), and the earliest report ATT&CK cites on that relationship, which dates
 * `firstAttributed` (the attribution was public by then; it may have been earlier). Read off
 * mitre/cti's history at commit 421deac (v18.1), the commit the extract was made from.
 */
const HISTORY: Record<string, { release: string; cited: { date: string; by: string; title: string } }> = {
  C0011: { release: '12.0', cited: { date: '2022-07-13', by: 'Cisco Talos', title: 'Transparent Tribe begins targeting education sector in latest campaign' } },
  C0017: { release: '13.0', cited: { date: '2022-03-08', by: 'Mandiant', title: 'Does This Look Infected? A Summary of APT41 Targeting U.S. State Governments' } },
  C0022: { release: '13.0', cited: { date: '2020-06-17', by: 'ESET', title: 'Operation In(ter)ception: Targeted Attacks Against European Aerospace and Military Companies' } },
  C0023: { release: '13.0', cited: { date: '2019-10', by: 'ESET', title: 'Operation Ghost' } },
  C0024: { release: '13.0', cited: { date: '2021-04-15', by: 'NSA, FBI, DHS; UK NCSC', title: 'Russian SVR Targets U.S. and Allied Networks' } },
  C0025: { release: '13.0', cited: { date: '2019-08-15', by: 'Dragos (Joe Slowik)', title: 'CRASHOVERRIDE: Reassessing the 2016 Ukraine Electric Power Event as a Protection-Focused Attack' } },
  C0027: { release: '14.0', cited: { date: '2022-12-02', by: 'CrowdStrike', title: 'Not a SIMulation: CrowdStrike Investigations Reveal Intrusion Campaign Targeting Telco and BPO Companies' } },
  C0028: { release: '14.0', cited: { date: '2017-06-28', by: 'Wired (Andy Greenberg)', title: "How an Entire Nation Became Russia's Test Lab for Cyberwar" } },
  C0030: { release: '15.0', cited: { date: '2017-12-14', by: 'FireEye', title: 'Attackers Deploy New ICS Attack Framework "TRITON" and Cause Operational Disruption to Critical Infrastructure' } },
  C0032: { release: '15.0', cited: { date: '2019-04-10', by: 'FireEye', title: 'TRITON Actor TTP Profile, Custom Attack Tools, Detections, and ATT&CK Mapping' } },
  C0033: { release: '15.0', cited: { date: '2020-06-29', by: 'Cisco Talos', title: 'PROMETHIUM extends global reach with StrongPity3 APT' } },
  C0034: { release: '15.0', cited: { date: '2023-11-09', by: 'Mandiant', title: 'Sandworm Disrupts Power in Ukraine Using a Novel Attack Against Operational Technology' } },
  C0035: { release: '16.0', cited: { date: '2023-12-13', by: 'Lumen Black Lotus Labs', title: 'Routers Roasting On An Open Firewall: The KV-Botnet Investigation' } },
  C0038: { release: '16.0', cited: { date: '2022-09-08', by: 'Microsoft', title: 'Microsoft investigates Iranian attacks against the Albanian government' } },
  C0039: { release: '16.0', cited: { date: '2024-08-27', by: 'Lumen Black Lotus Labs', title: 'Taking The Crossroads: The Versa Director Zero-Day Exploitation' } },
  C0040: { release: '16.0', cited: { date: '2024-07-18', by: 'Google Cloud (Mandiant)', title: 'APT41 Has Arisen From the DUST' } },
  C0042: { release: '17.0', cited: { date: '2023-09-21', by: 'ESET', title: "OilRig's Outer Space and Juicy Mix: Same ol' rig, new drill pipes" } },
  C0044: { release: '17.0', cited: { date: '2023-09-21', by: 'ESET', title: "OilRig's Outer Space and Juicy Mix: Same ol' rig, new drill pipes" } },
  C0047: { release: '17.0', cited: { date: '2025-01-09', by: 'Recorded Future (Insikt Group)', title: 'Chinese State-Sponsored RedDelta Targeted Taiwan, Mongolia, and Southeast Asia with Adapted PlugX Infection Chain' } },
  C0049: { release: '17.0', cited: { date: '2024-07-08', by: 'CISA et al.', title: "People's Republic of China (PRC) Ministry of State Security APT40 Tradecraft in Action" } },
  C0051: { release: '17.0', cited: { date: '2024-11-22', by: 'Volexity', title: 'The Nearest Neighbor Attack: How A Russian APT Weaponized Nearby Wi-Fi Networks for Covert Access' } },
  C0052: { release: '17.0', cited: { date: '2024-05-22', by: 'Google Cloud (Mandiant)', title: 'IOC Extinction? China-Nexus Cyber Espionage Actors Use ORB Networks to Raise Cost on Defenders' } },
  C0056: { release: '18.0', cited: { date: '2025-03-11', by: 'Google Cloud (Mandiant)', title: 'Ghost in the Router: China-Nexus Espionage Actor UNC3886 Targets Juniper Routers' } },
  C0057: { release: '18.0', cited: { date: '2023-04-20', by: 'Mandiant', title: '3CX Software Supply Chain Compromise Initiated by a Prior Software Supply Chain Compromise' } },
};

/** Campaigns a curated incident already covers: campaign id -> [curated incident id, why]. */
const COVERED: Record<string, [string, string]> = {
  C0024: ['solarwinds-2020', 'the SolarWinds (Sunburst) compromise'],
  C0028: ['ukraine-power-grid-2015', 'the December 2015 blackout in Ukraine'],
  C0030: ['triton-saudi-petrochemical-2017', 'Triton at the Saudi petrochemical plant'],
  C0035: ['volt-typhoon', 'the Volt Typhoon intrusions that the KV botnet relayed'],
  C0038: ['albania-government-2022', 'the attack on the Albanian government claimed as HomeLand Justice'],
  C0049: ['apt40-advisory-2024', 'the APT40 intrusions in Australia of the July 2024 advisory ATT&CK cites'],
  C0057: ['3cx-supply-chain-2023', 'the 3CX supply-chain attack'],
};

/**
 * The state ATT&CK's own description of a group associates it with (ATT&CK v18.1, words quoted
 * from that description), by group id. Only these become a new party's `state`, and the text
 * says "associated by ATT&CK with", never more. Groups ATT&CK ties to no state (Scattered
 * Spider, PROMETHIUM) are not listed.
 */
const ASSOCIATED_STATE: Record<string, { state: string; words: string }> = {
  G0004: { state: 'china', words: 'a threat group attributed to actors operating out of China' }, // Ke3chang (APT15)
  G0007: { state: 'russia', words: "a threat group that has been attributed to Russia's General Staff Main Intelligence Directorate (GRU) 85th Main Special Service Center (GTsSS) military unit 26165" }, // APT28
  G0016: { state: 'russia', words: "threat group that has been attributed to Russia's Foreign Intelligence Service (SVR)" }, // APT29
  G0032: { state: 'north-korea', words: 'a North Korean state-sponsored cyber threat group' }, // Lazarus Group
  G0034: { state: 'russia', words: "a destructive threat group that has been attributed to Russia's General Staff Main Intelligence Directorate (GRU) Main Center for Special Technologies (GTsST) military unit 74455" }, // Sandworm Team
  G0049: { state: 'iran', words: 'a suspected Iranian threat group' }, // OilRig
  G0088: { state: 'russia', words: 'a Russia-based threat group' }, // TEMP.Veles
  G0096: { state: 'china', words: 'a threat group that researchers have assessed as Chinese state-sponsored espionage group' }, // APT41
  G0129: { state: 'china', words: 'a China-based cyber espionage threat actor' }, // Mustang Panda
  G0134: { state: 'pakistan', words: 'a suspected Pakistan-based threat group' }, // Transparent Tribe
  G1017: { state: 'china', words: "a People's Republic of China (PRC) state-sponsored actor" }, // Volt Typhoon
  G1023: { state: 'china', words: 'a China-based espionage actor' }, // APT5
  G1048: { state: 'china', words: 'a China-nexus cyberespionage group' }, // UNC3886
};

/** Urdu names of the groups this script makes parties for (ATT&CK group id -> Urdu). */
const GROUP_URDU: Record<string, string> = {
  G0004: 'اے پی ٹی 15', // shown as APT15, the registry's name; ATT&CK calls it Ke3chang
  G0049: 'آئل رگ',
  G0056: 'پرومیتھیئم',
  G0096: 'اے پی ٹی 41',
  G0129: 'مسٹینگ پانڈا',
  G1015: 'اسکیٹرڈ اسپائیڈر',
  G1023: 'اے پی ٹی 5',
  G1048: 'یو این سی 3886',
};

/** Campaign names in Urdu, as the Urdu press would write them. Unnamed campaigns (C0011) keep their code. */
const CAMPAIGN_URDU: Record<string, string> = {
  C0022: 'آپریشن ڈریم جاب',
  C0023: 'آپریشن گھوسٹ',
  C0025: 'یوکرین کے بجلی کے نظام پر 2016 کا حملہ',
  C0034: 'یوکرین کے بجلی کے نظام پر 2022 کا حملہ',
  C0039: 'ورسا ڈائریکٹر میں زیرو ڈے خامی کا استعمال',
  C0040: 'اے پی ٹی 41 ڈسٹ',
  C0042: 'آؤٹر اسپیس',
  C0044: 'جوسی مکس',
  C0047: 'ریڈ ڈیلٹا کی ترمیم شدہ پلگ ایکس انفیکشن چین والی کارروائیاں',
  C0051: 'اے پی ٹی 28 کی ’نیئرسٹ نیبر‘ مہم',
  C0052: 'اسپیس ہاپ سرگرمی',
  C0056: 'ریڈ پینگوئن',
};

const MITRE: Party = {
  id: MITRE_PARTY,
  kind: 'company',
  name: { en: 'MITRE ATT&CK', ur: 'مائٹر اٹیک' },
  aliases: [{ name: 'MITRE' }, { name: 'ATT&CK' }, { name: 'مائٹر' }],
  note: {
    en: 'ATT&CK is a public knowledge base of attackers’ tactics and techniques kept by MITRE, a US not-for-profit organisation; among other things it records which groups it attributes named campaigns to.',
    ur: 'اٹیک حملہ آوروں کے طریقوں اور تکنیکوں کا عوامی معلوماتی ذخیرہ ہے جسے امریکہ کا غیر منافع بخش ادارہ مائٹر مرتب کرتا ہے؛ اس میں یہ بھی درج ہوتا ہے کہ مختلف مہمات کن گروپوں سے منسوب کی جاتی ہیں۔',
  },
};

// ---------- the extract ----------

export interface Campaign {
  attack_id: string;
  name: string;
  aliases: string[];
  first_seen: string | null;
  last_seen: string | null;
  attributed_to: string[];
  url: string;
  revoked: boolean;
  deprecated: boolean;
}
interface Group { attack_id: string; name: string; revoked: boolean; deprecated: boolean }
/** A group a campaign is attributed to: its party, and the state ATT&CK associates it with. */
interface Accused { party: Party; group: Group; attackState?: Party }

const readJson = (file: string): any => JSON.parse(readFileSync(file, 'utf8'));

/** "ATT&CK v18.1 (2025-11-13)" in the extract's header -> "18.1". */
function versionOf(meta: { source?: string }): string {
  const v = meta.source?.match(/ATT&CK v(\d+\.\d+)/)?.[1];
  if (!v || !RELEASES[v]) throw new Error(`Unknown ATT&CK version in the extract's header: ${meta.source}`);
  return v;
}

/**
 * ATT&CK stores month-precision dates as the 1st of the month at a US or European midnight
 * ("2019-01-01T06:00:00.000Z", "2023-01-31T23:00:00.000Z"): rounded to the nearest day, then
 * cut to the month.
 */
export function attackMonth(timestamp: string): string {
  return new Date(Date.parse(timestamp) + 12 * 3600_000).toISOString().slice(0, 7);
}

// ---------- text ----------

const slug = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const unnamed = (c: Campaign) => c.name === c.attack_id;

export function incidentIdOf(c: Campaign): string {
  return unnamed(c) ? `attack-${c.attack_id.toLowerCase()}` : `attack-${c.attack_id.toLowerCase()}-${slug(c.name)}`;
}

/** "A and B", "A, B and C"; «الف اور ب»، «الف، ب اور ج». */
function and(items: string[], lang: Lang): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(lang === 'ur' ? '، ' : ', ')} ${lang === 'ur' ? 'اور' : 'and'} ${items.at(-1)}`;
}

/** A party's Urdu name before «نے»، «سے»، «کو»: the oblique form where it has one. */
const urOblique = (p: Party) => p.urOblique ?? p.name.ur;

/** "from May 2021 to February 2022", or "in December 2016" when ATT&CK saw it in one month. */
function seen(start: string, end: string | undefined, lang: Lang): string {
  if (!end || end === start) return lang === 'ur' ? `${formatDate(start, lang)} میں` : `in ${formatDate(start, lang)}`;
  return lang === 'ur' ? `${formatDate(start, lang)} سے ${formatDate(end, lang)} تک` : `from ${formatDate(start, lang)} to ${formatDate(end, lang)}`;
}

function years(start: string, end: string | undefined, lang: Lang): string {
  const [a, b] = [start.slice(0, 4), (end ?? start).slice(0, 4)];
  return a === b ? a : lang === 'ur' ? `${a} تا ${b}` : `${a}–${b}`;
}

/** "ATT&CK associates APT15 and APT5 with China." One sentence per state. */
function associations(groups: Accused[], lang: Lang): string {
  const byState = new Map<Party, Party[]>();
  for (const g of groups) if (g.attackState) byState.set(g.attackState, [...(byState.get(g.attackState) ?? []), g.party]);
  return [...byState]
    .map(([state, parties]) =>
      lang === 'ur'
        ? `اٹیک ${and(parties.map(urOblique), 'ur')} کو ${urOblique(state)} سے جوڑتا ہے۔`
        : `ATT&CK associates ${and(parties.map((p) => p.name.en), 'en')} with ${state.name.en}.`,
    )
    .join(' ');
}

// ---------- the import ----------

export interface ImportResult {
  version: string;
  incidents: Incident[];
  /** MITRE ATT&CK and the groups no curated party stands for. */
  parties: Party[];
  skipped: Array<{ campaign: string; name: string; why: string }>;
  /** Overlaps worth a curator's look: same accused party, overlapping dates. */
  notes: string[];
}

interface CuratedView {
  parties: Party[];
  incidents: Incident[];
}

/** The curated parties and incidents, without this script's own output. */
export function readCurated(dataDir: string): CuratedView {
  const parties = readdirSync(path.join(dataDir, 'parties'))
    .filter((f) => f.endsWith('.json') && f !== IMPORTED_PARTIES_FILE)
    .sort()
    .flatMap((f) => PartiesFile.parse(readJson(path.join(dataDir, 'parties', f))).parties);
  const incidents = readdirSync(path.join(dataDir, 'incidents'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => Incident.parse(readJson(path.join(dataDir, 'incidents', f))));
  return { parties, incidents };
}

export function importAttack(sourceDir: string, curated: CuratedView, registry: AliasRegistry): ImportResult {
  const campaignsFile = readJson(path.join(sourceDir, 'attack-campaigns.json'));
  const groupsFile = readJson(path.join(sourceDir, 'attack-groups.json'));
  const version = versionOf(campaignsFile.meta);
  // ATT&CK's terms: every copy carries MITRE's copyright designation and the licence.
  const copyright = readFileSync(path.join(sourceDir, 'mitre-attack-LICENSE.txt'), 'utf8').match(/"(© \d{4} The MITRE Corporation\.[^"]*)"/)?.[1];
  if (!copyright) throw new Error('mitre-attack-LICENSE.txt: MITRE\'s copyright designation not found');
  const notice = `MITRE ATT&CK®: "${copyright}" Licence and disclaimers: data/registry/LICENSES/mitre-attack-LICENSE.txt; credits in THIRD-PARTY-NOTICES.md.`;
  const groups: Group[] = groupsFile.groups.filter((g: Group) => !g.revoked && !g.deprecated);
  const campaigns: Campaign[] = campaignsFile.campaigns.filter((c: Campaign) => !c.revoked && !c.deprecated && c.attributed_to.length > 0);

  const partyById = new Map(curated.parties.map((p) => [p.id, p]));
  const curatedByActor = new Map<string, Party>();
  for (const p of curated.parties) {
    const found = p.registry ? registry.resolve(p.registry) : [];
    if (found.length === 1) curatedByActor.set(found[0]!.id, p);
  }
  const curatedNames = new Map<string, string>();
  for (const i of curated.incidents) for (const n of [i.title.en, ...i.names]) curatedNames.set(compactKey(n), i.id);

  const created = new Map<string, Party>();
  /** The party for an ATT&CK group: the curated one for its registry actor, else a new one. */
  const partyFor = (groupName: string, campaign: string): Accused => {
    const group = groups.find((g) => g.name === groupName);
    if (!group) throw new Error(`${campaign}: ATT&CK group "${groupName}" is not in attack-groups.json`);
    const actors = registry.resolve(group.attack_id);
    if (actors.length !== 1) throw new Error(`${campaign}: ATT&CK id ${group.attack_id} (${groupName}) names ${actors.length} registry actors; rebuild the registry (npm run data:aliases)`);
    const actor = actors[0]!;
    const existing = curatedByActor.get(actor.id) ?? created.get(actor.id);
    const party = existing ?? newGroupParty(group, actor, registry, partyById);
    if (!existing) created.set(actor.id, party);
    // What ATT&CK says, not the curated party's state: the text reports ATT&CK's association.
    const association = ASSOCIATED_STATE[group.attack_id];
    return { party, group, attackState: association ? partyById.get(association.state) : undefined };
  };

  const incidents: Incident[] = [];
  const skipped: ImportResult['skipped'] = [];
  const notes: string[] = [];
  for (const c of [...campaigns].sort((a, b) => a.attack_id.localeCompare(b.attack_id))) {
    const covered = COVERED[c.attack_id];
    if (covered) {
      if (!curated.incidents.some((i) => i.id === covered[0])) throw new Error(`${c.attack_id}: COVERED names "${covered[0]}", which is not a curated incident`);
      skipped.push({ campaign: c.attack_id, name: c.name, why: `covered by the curated incident ${covered[0]} (${covered[1]})` });
      continue;
    }
    const sameName = [c.name, ...c.aliases].map((n) => curatedNames.get(compactKey(n))).find(Boolean);
    if (sameName) {
      skipped.push({ campaign: c.attack_id, name: c.name, why: `a name of the curated incident ${sameName}` });
      continue;
    }
    const accused = c.attributed_to.map((g) => partyFor(g, c.attack_id));
    const incident = campaignIncident(c, accused, version, notice);
    incidents.push(incident);
    // Same accused, overlapping years: not skipped, but worth a curator's look.
    const ids = new Set(accused.map((a) => a.party.id));
    for (const i of curated.incidents) {
      const theirs = i.claims.filter((cl) => cl.type === 'accusation').flatMap((cl) => cl.against);
      const [s, e] = [i.occurred.start.slice(0, 4), (i.occurred.end ?? i.occurred.start).slice(0, 4)];
      const [cs, ce] = [incident.occurred.start.slice(0, 4), (incident.occurred.end ?? incident.occurred.start).slice(0, 4)];
      if (theirs.some((id) => ids.has(id)) && s <= ce && cs <= e) notes.push(`${unnamed(c) ? c.attack_id : `${c.attack_id} ${c.name}`}: same accused and years as the curated ${i.id}; imported, check they differ`);
    }
  }
  const parties = [MITRE, ...[...created.values()].sort((a, b) => a.id.localeCompare(b.id))];
  return { version, incidents, parties, skipped, notes };
}

function newGroupParty(group: Group, actor: RegistryActor, registry: AliasRegistry, curated: Map<string, Party>): Party {
  const ur = GROUP_URDU[group.attack_id];
  if (!ur) throw new Error(`ATT&CK group ${group.attack_id} (${group.name}) needs an Urdu name in GROUP_URDU`);
  const id = slug(actor.name);
  if (curated.has(id)) throw new Error(`A curated party already has the id "${id}" but not the registry actor ${actor.id}; link it (registry) or rename`);
  // The registry name that picks this actor alone: its display name, else ATT&CK's id.
  const registryName = [actor.name, group.name, group.attack_id].find((n) => registry.resolve(n).length === 1 && registry.resolve(n)[0]!.id === actor.id)!;
  const association = ASSOCIATED_STATE[group.attack_id];
  const state = association && curated.get(association.state)?.kind === 'state' ? association.state : undefined;
  const stateParty = state ? curated.get(state) : undefined;
  return {
    id,
    kind: actor.kind,
    name: { en: actor.name, ur },
    aliases: [],
    ...(state && { state }),
    registry: registryName,
    note: stateParty
      ? {
          en: `Associated by ATT&CK with ${stateParty.name.en} (ATT&CK calls ${group.name} “${association!.words}”); this dataset has not reviewed that link. Added for imported MITRE ATT&CK campaigns (ATT&CK ${group.attack_id}).`,
          ur: `مائٹر اٹیک اسے ${urOblique(stateParty)} سے جوڑتا ہے؛ اس ڈیٹا سیٹ نے اس تعلق کا جائزہ نہیں لیا۔ مائٹر اٹیک سے درآمد کی گئی مہمات کے لیے شامل کیا گیا (اٹیک ${group.attack_id})۔`,
        }
      : {
          en: `ATT&CK's description of ${group.name} ties it to no state. Added for imported MITRE ATT&CK campaigns (ATT&CK ${group.attack_id}).`,
          ur: `مائٹر اٹیک کی تفصیل اسے کسی ریاست سے نہیں جوڑتی۔ مائٹر اٹیک سے درآمد کی گئی مہمات کے لیے شامل کیا گیا (اٹیک ${group.attack_id})۔`,
        },
  };
}

function campaignIncident(c: Campaign, accused: Accused[], version: string, notice: string): Incident {
  const history = HISTORY[c.attack_id];
  // The claim is dated to when ATT&CK published the attribution: the release that first carried
  // it where known, else the release the extract was taken from (which it was certainly in).
  const release = history?.release ?? version;
  const published = RELEASES[release]!;
  if (!c.first_seen) throw new Error(`${c.attack_id}: no first_seen date`);
  const start = attackMonth(c.first_seen);
  const last = c.last_seen ? attackMonth(c.last_seen) : undefined;
  const end = last && last !== start ? last : undefined;
  // Public no later than the earliest report ATT&CK cites for it; never before it began.
  const cited = history?.cited.date ?? published;
  const firstAttributed = cited < start ? start : cited;

  const label = { en: unnamed(c) ? c.attack_id : `${c.name} (${c.attack_id})`, ur: unnamed(c) ? c.attack_id : `${CAMPAIGN_URDU[c.attack_id] ?? missingUrdu(c)} (${c.attack_id})` };
  const shortName = { en: unnamed(c) ? `Campaign ${c.attack_id}` : c.name, ur: unnamed(c) ? `مہم ${c.attack_id}` : CAMPAIGN_URDU[c.attack_id]! };
  // The years, unless the name already says them ("2016 Ukraine Electric Power Attack").
  const when = (lang: Lang) => (c.name.includes(years(start, end, 'en')) ? '' : ` (${years(start, end, lang)})`);
  const groupsEn = and(accused.map((a) => a.party.name.en), 'en');
  const groupsUr = and(accused.map((a) => urOblique(a.party)), 'ur');
  const assoc = { en: associations(accused, 'en'), ur: associations(accused, 'ur') };
  const sourceId = `attack-${c.attack_id.toLowerCase()}`;

  const claim: Claim = {
    id: 'mitre-attack-attribution',
    type: 'accusation',
    date: published,
    by: MITRE_PARTY,
    against: accused.map((a) => a.party.id),
    basis: 'technical-report',
    summary: {
      en: `MITRE ATT&CK attributes ${label.en} to ${groupsEn}; the attribution first appeared in ATT&CK v${release}, released on ${formatDate(published, 'en')}.`,
      ur: `مائٹر اٹیک نے ${label.ur} کو ${groupsUr} سے منسوب کیا؛ یہ الزام پہلی بار ${formatDate(published, 'ur')} کو جاری ہونے والے اٹیک کے ورژن ${release} میں سامنے آیا۔`,
    },
    sources: [sourceId],
  };
  return Incident.parse({
    id: incidentIdOf(c),
    title: {
      en: `${shortName.en}${when('en')}, attributed by MITRE ATT&CK to ${groupsEn}`,
      ur: `${shortName.ur}${when('ur')}، جسے مائٹر اٹیک ${groupsUr} سے منسوب کرتا ہے`,
    },
    summary: {
      en: [
        `MITRE ATT&CK, the public knowledge base of the US not-for-profit MITRE, records ${unnamed(c) ? `a campaign it calls ${c.attack_id}` : `the campaign ${label.en}`}, seen ${seen(start, end, 'en')}, and attributes it to ${groupsEn}.`,
        assoc.en,
        `Imported from ATT&CK v${version} without editorial review: the campaign's ATT&CK page gives the details and the research ATT&CK relies on, and nobody has yet checked whether the accused side has responded.`,
      ].filter(Boolean).join(' '),
      ur: [
        `امریکہ کے غیر منافع بخش ادارے مائٹر کے عوامی معلوماتی ذخیرے ’مائٹر اٹیک‘ میں ${unnamed(c) ? `ایک مہم ${c.attack_id} کے نام سے` : `${label.ur} نامی مہم`} درج ہے، جو ${seen(start, end, 'ur')} دیکھی گئی؛ اٹیک اسے ${groupsUr} سے منسوب کرتا ہے۔`,
        assoc.ur,
        `یہ اندراج ادارتی جائزے کے بغیر اٹیک کے ورژن ${version} سے درآمد کیا گیا ہے؛ تفصیلات اور وہ تحقیق جس پر اٹیک نے انحصار کیا، مہم کے صفحے پر موجود ہیں، اور ابھی یہ جائزہ نہیں لیا گیا کہ ملزم فریق نے کوئی جواب دیا یا نہیں۔`,
      ].filter(Boolean).join(' '),
    },
    occurred: { start, ...(end && { end }) },
    firstAttributed,
    victims: [{ en: 'Not recorded in this import; see the ATT&CK campaign page', ur: 'اس درآمد میں درج نہیں؛ اٹیک میں مہم کا صفحہ دیکھیں' }],
    names: [...new Set([c.name, ...c.aliases, ...(unnamed(c) ? [] : [CAMPAIGN_URDU[c.attack_id]!]), c.attack_id])],
    tags: ['attack-campaign'],
    victimStates: [],
    imported: { from: 'mitre-attack', id: c.attack_id, url: c.url, version },
    sources: [{ id: sourceId, publisher: 'MITRE ATT&CK', title: `${c.name === c.attack_id ? c.attack_id : `${c.name} (${c.attack_id})`}`, date: published, url: c.url, language: 'en' }],
    claims: [claim],
    notes: [
      `Imported by scripts/import-attack.ts from MITRE ATT&CK Enterprise v${version}; re-run npm run data:import-attack rather than editing this file.`,
      history
        ? `Claim date: ATT&CK v${release} (${published}), the release in which this attribution first appeared.`
        : `Claim date: ATT&CK v${version} (${published}), the release imported; the release that first carried the attribution is not recorded in scripts/import-attack.ts.`,
      history
        ? `firstAttributed: the earliest report ATT&CK cites for the attribution (${history.cited.by}, "${history.cited.title}", ${history.cited.date}); an earlier public attribution may exist.`
        : 'firstAttributed: the claim date; an earlier public attribution may exist.',
      ...accused.filter((a) => ASSOCIATED_STATE[a.group.attack_id]).map((a) => `ATT&CK describes ${a.group.name} as ${ASSOCIATED_STATE[a.group.attack_id]!.words}.`),
      'Denials not reviewed: nobody has looked for a response from the accused side or its state.',
      notice,
    ],
  });
}

function missingUrdu(c: Campaign): never {
  throw new Error(`${c.attack_id} (${c.name}) needs an Urdu name in CAMPAIGN_URDU`);
}

// ---------- writing ----------

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** Writes data/imported/*.json (removing files of campaigns no longer imported) and data/parties/imported.json. */
export function writeImport(result: ImportResult, dataDir: string = DEFAULT_DATA_DIR): void {
  const dir = path.join(dataDir, IMPORTED_DIR);
  mkdirSync(dir, { recursive: true });
  const keep = new Set(result.incidents.map((i) => `${i.id}.json`));
  for (const f of readdirSync(dir)) if (f.endsWith('.json') && !keep.has(f)) rmSync(path.join(dir, f));
  for (const incident of result.incidents) writeFileSync(path.join(dir, `${incident.id}.json`), json(incident));
  writeFileSync(path.join(dataDir, 'parties', IMPORTED_PARTIES_FILE), json({ parties: result.parties }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const sourceDir = path.resolve(process.argv[2] ?? process.env.ILZAM_ALIASES_DIR ?? DEFAULT_SOURCE_DIR);
  if (!existsSync(path.join(sourceDir, 'attack-campaigns.json'))) {
    console.error(`No ATT&CK extract in ${sourceDir}: pass the folder as an argument or set ILZAM_ALIASES_DIR.`);
    process.exit(1);
  }
  const result = importAttack(sourceDir, readCurated(DEFAULT_DATA_DIR), loadRegistry());
  writeImport(result);
  console.log(`ATT&CK v${result.version}: ${result.incidents.length} campaigns imported into data/${IMPORTED_DIR}/, ${result.skipped.length} skipped, ${result.parties.length - 1} group parties added (+ MITRE ATT&CK) in data/parties/${IMPORTED_PARTIES_FILE}`);
  for (const s of result.skipped) console.log(`  skipped ${s.campaign} ${s.name}: ${s.why}`);
  for (const p of result.parties.slice(1)) console.log(`  party ${p.id} (${p.name.en}${p.state ? `, state ${p.state} as associated by ATT&CK` : ''}), registry "${p.registry}"`);
  for (const n of result.notes) console.log(`  check: ${n}`);
}
