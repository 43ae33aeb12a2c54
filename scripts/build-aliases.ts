// npm run data:aliases — derives the actor alias registry (data/registry/actors.json) from the
// public catalogues in ../shared/data/aliases (MISP galaxy, Microsoft's naming map, MITRE ATT&CK).
// The product never reads ../shared at run time: this script's output is committed instead.
//
// Usage: tsx scripts/build-aliases.ts [sourceDir] [outFile]
//   sourceDir defaults to $ILZAM_ALIASES_DIR, else ../shared/data/aliases beside the repo.
//
// MERGE RULES (docs/aliases.md explains them at more length)
//  0. The backbone is the MISP threat-actor galaxy: every MISP cluster is one actor, and two
//     MISP clusters are NEVER merged, whatever names, `related` or `similar` links they share.
//     A name MISP gives to several clusters (Grizzly Steppe, Nobelium ...) stays on each of
//     them and is listed as ambiguous.
//  1. Microsoft first forms its own identities: a Microsoft-mapping row joins the MISP
//     microsoft-activity-group clusters filed under its name or listed in its "Other names"
//     (old element names like STRONTIUM), and such clusters join each other when one lists the
//     other's name; at most one mapping row per identity.
//  2. Each Microsoft identity, then each ATT&CK group, then each ransomware family is linked to
//     the actors built so far, using the first tier of evidence that yields any candidate:
//       T1 explicit references: the activity-group cluster's MISP `related` links, the ATT&CK
//          id (G0007) listed as a MISP synonym/name-attribution or in the cluster's refs;
//       T2 the same primary name in both catalogues;
//       T3 the primary name in one catalogue is a synonym in the other (either way round).
//     One candidate: merged. Several: narrowed to the one whose primary names (else any names)
//     include the entry's primary name. Still several: at T1 the entry's primary names are put
//     on every candidate (ambiguous, e.g. Midnight Blizzard -> APT29 and UNC2452) and it makes
//     no actor of its own; at T2/T3 (names only) it becomes an actor of its own.
//     No candidate at all: an actor of its own (ransomware families are criminal groups).
//  3. A MISP cluster's primary name stays that cluster's: ATT&CK, Microsoft or ransomware
//     entries merged elsewhere never carry it over (ATT&CK's Magic Hound lists APT35, yet
//     "APT35" must still resolve to the MISP APT35 cluster alone).
//  4. Ransomware entries with neither a reference nor a leak-site link are left out: the bot
//     cites sources, and those stubs have none. Leak-site (.onion) links are never copied.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compactKey } from '../src/search/normalize.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SOURCE_DIR = path.resolve(REPO, '../shared/data/aliases');
export const DEFAULT_OUT_FILE = path.join(REPO, 'data/registry/actors.json');

type Catalogue = 'misp-threat-actor' | 'misp-microsoft-activity-group' | 'microsoft-mapping' | 'mitre-attack' | 'misp-ransomware';
const MISP = 'MISP';
const ATTACK = 'MITRE ATT&CK';
const MICROSOFT = 'Microsoft';
/** Listed in Microsoft's naming map as another vendor's name (Microsoft did not coin it). */
const MS_MAP = 'Microsoft mapping';

// ---------- names ----------

interface NameEntry { name: string; sources: Set<string> }
/** Names keyed by compactKey; the first spelling seen is kept for display. */
class NameBag extends Map<string, NameEntry> {
  add(raw: string, ...sources: string[]): string | undefined {
    const name = raw.trim().replace(/\s+/g, ' ');
    const key = compactKey(name);
    // File names are not actor names (MISP ransomware lists samsam.exe among the synonyms).
    if (!key || /\.(exe|dll|bat|js)$/i.test(name)) return undefined;
    let e = this.get(key);
    if (!e) this.set(key, (e = { name, sources: new Set() }));
    for (const s of sources) e.sources.add(s);
    return key;
  }
  addAll(other: NameBag, skip: (key: string) => boolean = () => false): void {
    for (const [key, e] of other) if (!skip(key)) this.add(e.name, ...e.sources);
  }
}

/** One entry of one catalogue, before merging. */
interface Node {
  catalogue: Catalogue;
  ref: string; // uuid, ATT&CK id or mapping name: for sorting and messages
  canonical: string;
  primary: Set<string>; // keys of the names this catalogue files the entry under
  names: NameBag;
  explicit: Set<string>; // MISP threat-actor uuids this entry points at (tier 1)
  country?: string;
  sponsor?: string;
  attackId?: string;
  refs: string[];
  financial?: boolean; // Microsoft says "Financially motivated"
  members?: Node[]; // a Microsoft identity: the mapping row and activity-group clusters it joins
}

interface Actor {
  nodes: Node[];
  mispUuid?: string;
  primary: Set<string>;
  names: NameBag; // from its own nodes
  attached: NameBag; // primary names of entries that pointed at several actors
}

// ---------- reading the catalogues ----------

const readJson = (dir: string, file: string): any => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
const arr = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
const goodRef = (u: string) => /^https?:\/\//.test(u) && !/\.onion\b/.test(u);
// Links every Microsoft activity-group cluster carries: they say nothing about the actor.
const GENERIC_REF = /microsoft-threat-actor-naming|MicrosoftMapping\.json/;

/** MISP producer uuid -> vendor name; vendor spellings (synonyms) -> vendor name. */
function readProducers(dir: string) {
  const byUuid = new Map<string, string>();
  const byKey = new Map<string, string>();
  for (const p of readJson(dir, 'misp-producer.json').values) {
    const name = p.value === 'MITRE' ? ATTACK : String(p.value);
    byUuid.set(p.uuid, name);
    for (const n of [p.value, ...arr(p.meta?.synonyms)]) byKey.set(compactKey(n), name);
  }
  return { byUuid, vendor: (s: string) => byKey.get(compactKey(s)) ?? s.trim() };
}

function readThreatActors(dir: string, producers: ReturnType<typeof readProducers>): Node[] {
  return readJson(dir, 'misp-threat-actor.json').values.map((c: any): Node => {
    const meta = c.meta ?? {};
    const names = new NameBag();
    const vendorsOf = new Map<string, string[]>();
    const credit = (n: string, v: string) => vendorsOf.set(compactKey(n), [...(vendorsOf.get(compactKey(n)) ?? []), v]);
    for (const pair of arr(meta['name-attribution'])) {
      const i = pair.lastIndexOf(':');
      const vendor = producers.byUuid.get(pair.slice(i + 1));
      if (i > 0 && vendor) credit(pair.slice(0, i), vendor);
    }
    for (const [k, v] of Object.entries(meta)) if (k.startsWith('origin:') && typeof v === 'string') credit(k.slice(7), producers.vendor(v));
    const add = (n: string) => names.add(n, MISP, ...(vendorsOf.get(compactKey(n)) ?? []));
    const primaryKey = add(c.value);
    arr(meta.synonyms).forEach(add);
    for (const pair of arr(meta['name-attribution'])) add(pair.slice(0, pair.lastIndexOf(':')));
    for (const k of Object.keys(meta)) if (k.startsWith('origin:')) add(k.slice(7));
    const country = typeof meta.country === 'string' && /^[A-Z]{2}$/.test(meta.country) ? meta.country : undefined;
    return {
      catalogue: 'misp-threat-actor', ref: c.uuid, canonical: c.value, primary: new Set(primaryKey ? [primaryKey] : []), names,
      explicit: new Set((c.related ?? []).map((r: any) => r['dest-uuid'])), // resolved against other galaxies later
      country, sponsor: arr(meta['cfr-suspected-state-sponsor'])[0], refs: arr(meta.refs).filter(goodRef),
    };
  });
}

const COUNTRY: Record<string, string> = {
  china: 'CN', iran: 'IR', russia: 'RU', northkorea: 'KP', lebanon: 'LB', israel: 'IL', turkiye: 'TR', vietnam: 'VN',
  unitedarabemirates: 'AE', austria: 'AT', singapore: 'SG', ukraine: 'UA', belarus: 'BY', unitedstates: 'US', pakistan: 'PK', india: 'IN',
};
/** "China, Financially motivated" -> country CN, financial true. */
function microsoftOrigin(text: unknown) {
  const parts = arr(text).flatMap((t) => t.split(',')).map((p) => compactKey(p));
  return { country: parts.map((p) => COUNTRY[p]).find(Boolean), financial: parts.includes('financiallymotivated') };
}

function readMicrosoft(dir: string): { groups: Node[]; rows: Node[] } {
  const groups = readJson(dir, 'misp-microsoft-activity-group.json').values.map((c: any): Node => {
    const names = new NameBag();
    const key = names.add(c.value, MICROSOFT, MISP);
    arr(c.meta?.synonyms).forEach((n) => names.add(n, MISP));
    const origin = microsoftOrigin(c.meta?.['microsoft-origin-threat']);
    return {
      catalogue: 'misp-microsoft-activity-group', ref: c.uuid, canonical: c.value, primary: new Set(key ? [key] : []), names,
      explicit: new Set((c.related ?? []).map((r: any) => r['dest-uuid'])),
      country: /^[A-Z]{2}$/.test(c.meta?.country ?? '') ? c.meta.country : origin.country, financial: origin.financial,
      refs: arr(c.meta?.refs).filter((u) => goodRef(u) && !GENERIC_REF.test(u)),
    };
  });
  const rows = (readJson(dir, 'microsoft-mstic-MicrosoftMapping.json') as any[]).map((r): Node => {
    const names = new NameBag();
    const key = names.add(r['Threat actor name'], MICROSOFT);
    String(r['Other names'] ?? '').split(',').forEach((n) => names.add(n, MS_MAP));
    const origin = microsoftOrigin(r['Origin/Threat']);
    return { catalogue: 'microsoft-mapping', ref: r['Threat actor name'], canonical: r['Threat actor name'].trim(), primary: new Set(key ? [key] : []), names, explicit: new Set(), country: origin.country, financial: origin.financial, refs: [] };
  });
  return { groups, rows };
}

function readAttack(dir: string): Node[] {
  return readJson(dir, 'attack-groups.json').groups
    .filter((g: any) => !g.revoked) // revoked groups live on under the group that replaced them
    .map((g: any): Node => {
      const names = new NameBag();
      const key = names.add(g.name, ATTACK);
      arr(g.aliases).forEach((n) => names.add(n, ATTACK));
      names.add(g.attack_id, ATTACK);
      return { catalogue: 'mitre-attack', ref: g.attack_id, canonical: g.name, primary: new Set(key ? [key] : []), names, explicit: new Set(), attackId: g.attack_id, refs: [g.url].filter(goodRef) };
    });
}

function readRansomware(dir: string): Node[] {
  return readJson(dir, 'misp-ransomware.json').values
    .filter((c: any) => arr(c.meta?.refs).length > 0 || arr(c.meta?.links).length > 0)
    .map((c: any): Node => {
      const names = new NameBag();
      const key = names.add(c.value, MISP);
      arr(c.meta?.synonyms).forEach((n) => names.add(n, MISP));
      const country = /^[A-Z]{2}$/.test(c.meta?.country ?? '') ? c.meta.country : undefined;
      return { catalogue: 'misp-ransomware', ref: c.uuid, canonical: c.value.trim(), primary: new Set(key ? [key] : []), names, explicit: new Set(), country, refs: arr(c.meta?.refs).filter(goodRef) };
    });
}

// ---------- merging ----------

/** Rule 1: Microsoft's own old and new names for one actor become one node. */
function microsoftIdentities(groups: Node[], rows: Node[], log: string[]): Node[] {
  const all = [...rows, ...groups];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const rowsIn = (root: number) => all.filter((n, i) => n.catalogue === 'microsoft-mapping' && find(i) === root).length;
  const groupIndex = new Map<string, number>();
  groups.forEach((g, i) => g.primary.forEach((k) => groupIndex.set(k, rows.length + i)));
  all.forEach((n, i) => {
    // A row's own name and its "Other names"; a group's synonyms.
    for (const key of n.names.keys()) {
      const j = groupIndex.get(key);
      if (j === undefined || j === i) continue;
      const [a, b] = [find(i), find(j)];
      if (a === b) continue;
      if (rowsIn(a) + rowsIn(b) > 1) log.push(`microsoft: not joining "${all[j]!.canonical}" to "${n.canonical}" (two mapping rows)`);
      else parent[b] = a;
    }
  });
  const byRoot = new Map<number, Node[]>();
  all.forEach((n, i) => byRoot.set(find(i), [...(byRoot.get(find(i)) ?? []), n]));
  return [...byRoot.values()].map((members) => {
    const row = members.find((m) => m.catalogue === 'microsoft-mapping');
    // Without a mapping row, the current name is the one no other member lists as an old name.
    const current = row ?? members.find((m) => !members.some((o) => o !== m && [...m.primary].some((k) => o.names.has(k) && !o.primary.has(k)))) ?? members[0]!;
    const names = new NameBag();
    [current, ...members].forEach((m) => names.addAll(m.names));
    const groupsIn = members.filter((m) => m.catalogue !== 'microsoft-mapping');
    return {
      catalogue: row ? 'microsoft-mapping' : 'misp-microsoft-activity-group', ref: current.ref, canonical: current.canonical,
      primary: new Set(members.flatMap((m) => [...m.primary])), names, explicit: new Set(groupsIn.flatMap((m) => [...m.explicit])),
      country: members.map((m) => m.country).find(Boolean), financial: members.some((m) => m.financial),
      refs: groupsIn.flatMap((m) => m.refs), members,
    };
  });
}

/** Rule 2: finds the actor(s) an entry belongs to; "attach" = T1 pointed at several. */
type Link = ({ actor: Actor } | { attach: Actor[] } | { standalone: true }) & { tier?: number };

class Registry {
  actors: Actor[] = [];
  byUuid = new Map<string, Actor>();
  /** Primary names of MISP threat-actor clusters (rule 3). */
  mispPrimary = new Map<string, Actor>();

  addActor(node: Node): Actor {
    const actor: Actor = { nodes: [node], primary: new Set(node.primary), names: new NameBag(), attached: new NameBag() };
    if (node.catalogue === 'misp-threat-actor') {
      actor.mispUuid = node.ref;
      this.byUuid.set(node.ref, actor);
      node.primary.forEach((k) => this.mispPrimary.set(k, actor));
      actor.names.addAll(node.names);
    } else actor.names.addAll(node.names, (k) => this.foreignPrimary(k, actor));
    this.actors.push(actor);
    return actor;
  }

  foreignPrimary(key: string, actor: Actor): boolean {
    const owner = this.mispPrimary.get(key);
    return owner !== undefined && owner !== actor;
  }

  merge(actor: Actor, node: Node): void {
    actor.nodes.push(node);
    node.primary.forEach((k) => actor.primary.add(k));
    actor.names.addAll(node.names, (k) => this.foreignPrimary(k, actor));
  }

  link(node: Node, explicit: Set<Actor>): Link {
    const hasPrimary = (a: Actor) => [...node.primary].some((k) => a.primary.has(k));
    const listsPrimary = (a: Actor) => [...node.primary].some((k) => a.names.has(k));
    // Names the actor's founding entry lists itself: names brought in by other catalogues
    // (Microsoft's "Other names" include PHANTOM, also a ransomware family) are weaker.
    const ownListsPrimary = (a: Actor) => [...node.primary].some((k) => a.nodes[0]!.names.has(k));
    const primaryListed = (a: Actor) => [...a.primary].some((k) => node.names.has(k));
    const tiers: Array<() => Actor[]> = [
      () => [...explicit],
      () => this.actors.filter(hasPrimary),
      () => this.actors.filter((a) => ownListsPrimary(a) || primaryListed(a)),
    ];
    for (const [tier, candidatesOf] of tiers.entries()) {
      const c = candidatesOf();
      if (c.length === 0) continue;
      if (c.length === 1) return { actor: c[0]!, tier };
      // Narrowing: same primary name; then (names only) listed both ways; then listed at all.
      const steps = [hasPrimary, ...(tier > 0 ? [(a: Actor) => listsPrimary(a) && primaryListed(a)] : []), listsPrimary];
      for (const step of steps) {
        const n = c.filter(step);
        if (n.length === 1) return { actor: n[0]!, tier };
      }
      return tier === 0 ? { attach: c, tier } : { standalone: true, tier };
    }
    return { standalone: true };
  }

  /**
   * Links a batch of entries of one catalogue against the actors built so far, strongest
   * evidence first. Two entries of the same catalogue never share an actor (rule 0): the
   * later one becomes an actor of its own.
   */
  placeAll(nodes: Array<{ node: Node; explicit: Set<Actor> }>, log: string[], exclusive: boolean): void {
    const links = nodes.map((x) => ({ ...x, link: this.link(x.node, x.explicit) }));
    // Whoever has the actor's own primary name claims it first (ATT&CK's APT41 before its Winnti
    // Group, which MISP's APT41 also lists), then the strongest tier.
    const rank = (x: (typeof links)[number]) => ('actor' in x.link && [...x.node.primary].some((k) => (x.link as { actor: Actor }).actor.primary.has(k)) ? 0 : 10) + (x.link.tier ?? 9);
    links.sort((x, y) => rank(x) - rank(y));
    const standalone: Node[] = [];
    for (const { node, link } of links) {
      const what = `${node.catalogue} "${node.canonical}"`;
      if ('actor' in link) {
        if (exclusive && link.actor.nodes.some((n) => n.catalogue === node.catalogue)) {
          log.push(`kept apart (T${link.tier! + 1}): ${what}, as "${link.actor.nodes[0]!.canonical}" already has an entry of that catalogue`);
          standalone.push(node);
          continue;
        }
        log.push(`merged (T${link.tier! + 1}): ${what} -> "${link.actor.nodes[0]!.canonical}"`);
        this.merge(link.actor, node);
      } else if ('attach' in link) {
        log.push(`ambiguous: ${what} points at ${link.attach.map((a) => `"${a.nodes[0]!.canonical}"`).join(', ')}`);
        for (const a of link.attach) {
          for (const k of node.primary) if (!this.foreignPrimary(k, a)) a.attached.add(node.names.get(k)!.name, ...node.names.get(k)!.sources);
        }
      } else standalone.push(node);
    }
    standalone.forEach((n) => this.addActor(n));
  }
}

// ---------- output ----------

export interface ActorRecord {
  id: string; name: string; kind: 'threat-group' | 'criminal-group';
  country?: string; sponsor?: string; attackId?: string;
  catalogues: string[]; refs: string[]; names: { name: string; sources: string[] }[];
}
export interface RegistryFile {
  format: 1;
  generatedBy: string;
  notice: string;
  sources: { file: string; source: string; licence: string }[];
  actors: ActorRecord[];
  ambiguous: Record<string, string[]>;
}

// Vendor naming schemes that mark financially motivated crime vs state-linked espionage.
const CRIME = /( spider| tempest)$|^gold |^fin\d+$/i;
const STATE = / (panda|bear|kitten|chollima|tiger|buffalo|crane|leopard|typhoon|blizzard|sandstorm|sleet|cyclone|dust|hail)$|^(bronze|iron|cobalt|nickel|tungsten) /i;

function kindOf(a: Actor): ActorRecord['kind'] {
  const names = [...a.names.values()].map((e) => e.name);
  // A state-linked group that also runs (pseudo-)ransomware, like Pink Sandstorm, stays a threat group.
  const crime = a.nodes.some((n) => n.financial || n.catalogue === 'misp-ransomware') || names.some((n) => CRIME.test(n));
  const state = a.nodes.some((n) => n.sponsor) || names.some((n) => STATE.test(n));
  return crime && !state ? 'criminal-group' : 'threat-group';
}

const slug = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const SUFFIX: Record<Catalogue, string> = { 'misp-threat-actor': 'group', 'misp-microsoft-activity-group': 'microsoft', 'microsoft-mapping': 'microsoft', 'mitre-attack': 'attack', 'misp-ransomware': 'ransomware' };
const RANK: Catalogue[] = ['misp-threat-actor', 'microsoft-mapping', 'misp-microsoft-activity-group', 'mitre-attack', 'misp-ransomware'];
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---------- the display name ----------

/** An operation's or a campaign's name ("Operation C-Major"), not a group's. */
const OPERATION = /^operation\b|\b(operation|campaign)s?$/i;
/** A vendor's placeholder for a group it has not named yet: Microsoft's Storm-1567 and DEV-0537, Mandiant's UNC4393. */
const PLACEHOLDER = /^(storm|dev|unc)-?\d+$/i;
/** A code rather than a name ("CovertNetwork-1658", "TA505"): never chosen over the canonical name. */
const CODE = /^[a-z]+[-.]?\d+$/i;
/** Written all in capitals, as CrowdStrike and Secureworks print names ("MUSTANG PANDA"). */
const SHOUTED = (name: string) => /[A-Z]{2}.*\s/.test(name) && name === name.toUpperCase();

/**
 * The name the bot shows for an actor (docs/aliases.md, "Display name"): the backbone's
 * canonical name, except that
 *  - an operation's name gives way to ATT&CK's name for the group, else Microsoft's
 *    ("Operation C-Major" -> "Transparent Tribe");
 *  - a placeholder gives way to ATT&CK's name for the group ("Storm-1567" -> "Akira"); not to
 *    Microsoft's, whose later names (Antique Typhoon for Storm-0558) are less used than the
 *    placeholder the press took up;
 *  - a name in capitals is spelt as ATT&CK or Microsoft spell it ("MUSTANG PANDA" -> "Mustang Panda").
 * The id stays the slug of the canonical name, so it never moves.
 */
function displayName(a: Actor, canonical: string): string {
  const of = (...catalogues: Catalogue[]) => a.nodes.filter((n) => catalogues.includes(n.catalogue)).map((n) => n.canonical.trim());
  const attack = of('mitre-attack');
  const microsoft = of('microsoft-mapping', 'misp-microsoft-activity-group');
  const proper = (n: string) => !OPERATION.test(n) && !PLACEHOLDER.test(n) && !CODE.test(n);
  if (OPERATION.test(canonical)) return [...attack, ...microsoft].find(proper) ?? canonical;
  if (PLACEHOLDER.test(canonical)) return attack.find(proper) ?? canonical;
  if (SHOUTED(canonical)) return [...attack, ...microsoft].find((n) => compactKey(n) === compactKey(canonical) && !SHOUTED(n)) ?? canonical;
  return canonical;
}

function record(a: Actor, id: string): ActorRecord {
  const base = a.nodes[0]!;
  const names = new NameBag();
  names.addAll(a.names);
  names.addAll(a.attached);
  const display = displayName(a, names.get(compactKey(base.canonical))?.name ?? base.canonical);
  const canonicalKey = compactKey(display);
  // The display name may respell a name the bag holds ("MUSTANG PANDA" -> "Mustang Panda").
  names.get(canonicalKey)!.name = display;
  const list = [...names.entries()]
    .sort(([ka], [kb]) => (ka === canonicalKey ? -1 : kb === canonicalKey ? 1 : byText(ka, kb)))
    .map(([, e]) => ({ name: e.name, sources: [...e.sources].sort(byText) }));
  const attack = a.nodes.find((n) => n.attackId);
  // A few references: ATT&CK's page, CFR's tracker, then the catalogues' own order.
  const allRefs = [...new Set(a.nodes.flatMap((n) => n.refs.map((u) => u.replace(/\/$/, ''))))];
  const refs = [...new Set([...allRefs.filter((u) => /attack\.mitre\.org|cfr\.org/.test(u)), ...allRefs])].slice(0, 5);
  // The first catalogue that has a country or sponsor wins: MISP threat-actor first.
  const country = a.nodes.map((n) => n.country).find(Boolean);
  const sponsor = a.nodes.map((n) => n.sponsor).find(Boolean);
  const catalogues = [...new Set(a.nodes.flatMap((n) => n.members ?? [n]).map((n) => n.catalogue))].sort(byText);
  return {
    id, name: names.get(canonicalKey)!.name, kind: kindOf(a),
    ...(country && { country }), ...(sponsor && { sponsor }), ...(attack && { attackId: attack.attackId }),
    catalogues, refs, names: list,
  };
}

/** Provenance of each input, from SOURCES.md's table ("same" licence = the row above's). */
function provenance(dir: string): RegistryFile['sources'] {
  const text = existsSync(path.join(dir, 'SOURCES.md')) ? readFileSync(path.join(dir, 'SOURCES.md'), 'utf8') : '';
  let last = '';
  return text
    .split('\n')
    .filter((l) => /^\| *[\w-]+\.json/.test(l))
    .map((l) => l.split('|').map((c) => c.trim()))
    .map(([, file, source, licence]) => ({ file: file!, source: source!, licence: (last = licence === 'same' ? last : licence!) }));
}

/** The attribution CC BY 4.0 and the ATT&CK terms ask for, carried inside the data file itself. */
function notice(dir: string): string {
  const mitre = readFileSync(path.join(dir, 'mitre-attack-LICENSE.txt'), 'utf8').match(/"(© \d{4} The MITRE Corporation\.[^"]*)"/)?.[1];
  return [
    'Derived from: MISP galaxy (CC0 1.0 or BSD-2-Clause);',
    'Microsoft Threat Intelligence, threat actor naming map (github.com/microsoft/mstic, PublicFeeds/ThreatActorNaming), CC BY 4.0;',
    `MITRE ATT&CK®: ${mitre ?? '© The MITRE Corporation.'}`,
    'Licences in data/registry/LICENSES/, credits in THIRD-PARTY-NOTICES.md.',
  ].join(' ');
}

export interface BuildResult { registry: RegistryFile; log: string[] }

export function buildRegistry(sourceDir: string = DEFAULT_SOURCE_DIR): BuildResult {
  const log: string[] = [];
  const producers = readProducers(sourceDir);
  const reg = new Registry();
  readThreatActors(sourceDir, producers).forEach((n) => reg.addActor(n));
  const ms = readMicrosoft(sourceDir);
  // MISP `related` links may be written on either side: gather both directions.
  const taSide = new Map<string, Set<string>>();
  for (const a of reg.actors) for (const dest of a.nodes[0]!.explicit) taSide.set(dest, new Set([...(taSide.get(dest) ?? []), a.mispUuid!]));
  const identities = microsoftIdentities(ms.groups, ms.rows, log).sort((x, y) => byText(x.canonical, y.canonical));
  const actorsOf = (uuids: string[]) => new Set(uuids.map((u) => reg.byUuid.get(u)).filter((a): a is Actor => !!a));
  reg.placeAll(
    identities.map((node) => ({ node, explicit: actorsOf([...node.explicit, ...node.members!.flatMap((m) => [...(taSide.get(m.ref) ?? [])])]) })),
    log,
    false, // one MISP cluster may hold several Microsoft actors (Lazarus Group: Diamond, Sapphire, Citrine Sleet ...)
  );
  // ATT&CK ids named by MISP clusters, as a synonym or a reference URL.
  const byAttackId = (gid: string, refs: boolean) =>
    new Set(reg.actors.filter((a) => a.mispUuid && (refs ? a.nodes[0]!.refs.some((u) => u.replace(/\/$/, '').endsWith(`/groups/${gid}`)) : a.nodes[0]!.names.has(compactKey(gid)))));
  const attack = readAttack(sourceDir).sort((x, y) => byText(x.ref, y.ref));
  reg.placeAll(attack.map((node) => ({ node, explicit: byAttackId(node.attackId!, false).size ? byAttackId(node.attackId!, false) : byAttackId(node.attackId!, true) })), log, true);
  const ransomware = readRansomware(sourceDir).sort((x, y) => byText(x.canonical, y.canonical) || byText(x.ref, y.ref));
  reg.placeAll(ransomware.map((node) => ({ node, explicit: new Set<Actor>() })), log, true);

  // Ids: slugs of the canonical names, MISP clusters first so that they get the plain slug.
  const ordered = reg.actors
    .map((a) => ({ a, n: a.nodes[0]! }))
    .sort((x, y) => RANK.indexOf(x.n.catalogue) - RANK.indexOf(y.n.catalogue) || byText(x.n.canonical, y.n.canonical) || byText(x.n.ref, y.n.ref));
  const used = new Set<string>();
  const records = ordered.map(({ a, n }) => {
    const base = slug(n.canonical) || `${SUFFIX[n.catalogue]}-${slug(n.ref).slice(0, 8)}`;
    let id = used.has(base) ? `${base}-${SUFFIX[n.catalogue]}` : base;
    for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
    used.add(id);
    return record(a, id);
  });
  records.sort((x, y) => byText(x.id, y.id));

  const holders = new Map<string, string[]>();
  for (const r of records) for (const n of r.names) holders.set(compactKey(n.name), [...(holders.get(compactKey(n.name)) ?? []), r.id]);
  const ambiguous = Object.fromEntries([...holders].filter(([, ids]) => ids.length > 1).sort(([a], [b]) => byText(a, b)).map(([k, ids]) => [k, ids.sort(byText)]));
  return {
    registry: { format: 1, generatedBy: 'scripts/build-aliases.ts (npm run data:aliases)', notice: notice(sourceDir), sources: provenance(sourceDir), actors: records, ambiguous },
    log,
  };
}

/** One actor and one ambiguous name per line: compact, yet diffs stay readable. */
export function serializeRegistry(r: RegistryFile): string {
  const head = JSON.stringify({ format: r.format, generatedBy: r.generatedBy, notice: r.notice, sources: r.sources }, null, 1).slice(0, -2);
  const actors = r.actors.map((a) => '  ' + JSON.stringify(a)).join(',\n');
  const amb = Object.entries(r.ambiguous).map(([k, ids]) => `  ${JSON.stringify(k)}: ${JSON.stringify(ids)}`).join(',\n');
  return `${head},\n "actors": [\n${actors}\n ],\n "ambiguous": {\n${amb}\n }\n}\n`;
}

const LICENCE_FILES = ['misp-galaxy-LICENSE.md', 'microsoft-mstic-LICENSE.txt', 'mitre-attack-LICENSE.txt'];

/** Builds and writes the registry, with the licence files copied beside it into LICENSES/. */
export function writeRegistry(sourceDir: string = DEFAULT_SOURCE_DIR, outFile: string = DEFAULT_OUT_FILE): BuildResult {
  const result = buildRegistry(sourceDir);
  mkdirSync(path.join(path.dirname(outFile), 'LICENSES'), { recursive: true });
  writeFileSync(outFile, serializeRegistry(result.registry));
  for (const f of LICENCE_FILES) copyFileSync(path.join(sourceDir, f), path.join(path.dirname(outFile), 'LICENSES', f));
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const sourceDir = path.resolve(process.argv[2] ?? process.env.ILZAM_ALIASES_DIR ?? DEFAULT_SOURCE_DIR);
  const outFile = path.resolve(process.argv[3] ?? DEFAULT_OUT_FILE);
  if (!existsSync(path.join(sourceDir, 'misp-threat-actor.json'))) {
    console.error(`No alias sources in ${sourceDir}: pass the folder as an argument or set ILZAM_ALIASES_DIR.`);
    process.exit(1);
  }
  const { registry, log } = writeRegistry(sourceDir, outFile);
  if (process.env.VERBOSE) log.forEach((l) => console.log(l));
  const names = registry.actors.reduce((n, a) => n + a.names.length, 0);
  const fmt = (n: number) => n.toLocaleString('en-US');
  console.log(`${path.relative(process.cwd(), outFile)}: ${fmt(registry.actors.length)} actors, ${fmt(names)} names, ${fmt(Object.keys(registry.ambiguous).length)} ambiguous names (${log.length} merge notes; VERBOSE=1 prints them)`);
}
