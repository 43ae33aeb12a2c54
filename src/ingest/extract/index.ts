// The extraction entry point: an article (HTML or text) in, claims and an incident link out.
import type { Incident, Party } from '../../domain/schema.ts';
import type { AliasRegistry } from '../../registry/registry.ts';
import { loadRegistry } from '../../registry/registry.ts';
import { loadCuratedDataset } from '../../store/curated.ts';
import { extractArticle } from '../article.ts';
import { detectLanguage } from '../language.ts';
import type { ExtractedClaim, IncidentLink, NamedParty } from '../model.ts';
import { Extractor } from './extract.ts';
import { Gazetteer } from './gazetteer.ts';
import { linkIncident } from './incident-link.ts';

export interface ArticleExtraction {
  title: string;
  text: string;
  language: 'en' | 'ur' | null;
  published: string | null;
  claims: ExtractedClaim[];
  incident: IncidentLink;
}

export interface ExtractArticleOptions {
  lang?: 'en' | 'ur';
  published?: string;
  title?: string;
  defaultBy?: NamedParty & { state?: string };
  outlet?: NamedParty;
}

export class ClaimExtractor {
  readonly gazetteer: Gazetteer;
  private readonly extractor: Extractor;

  constructor(
    parties: readonly Party[],
    registry: AliasRegistry | undefined,
    private readonly incidents: readonly Incident[],
  ) {
    this.gazetteer = new Gazetteer(parties, registry);
    this.extractor = new Extractor(this.gazetteer);
  }

  static load(opts: { dataDir?: string; registryFile?: string; extraIncidents?: readonly Incident[] } = {}): ClaimExtractor {
    const data = loadCuratedDataset(opts.dataDir);
    return new ClaimExtractor(data.parties, loadRegistry(opts.registryFile), [...data.incidents, ...(opts.extraIncidents ?? [])]);
  }

  /** A party by id, as a NamedParty (for a source's default speaker). */
  named(id: string): (NamedParty & { state?: string }) | undefined {
    const p = this.gazetteer.parties.get(id);
    return p ? { id: p.id, name: p.name.en, state: p.kind === 'state' ? p.id : p.state } : undefined;
  }

  /** From raw HTML or text. Language: as given, else detected; neither language: no claims. */
  fromDocument(input: string, opts: ExtractArticleOptions = {}): ArticleExtraction {
    const article = extractArticle(input);
    const title = opts.title ?? article.title;
    const language = opts.lang ?? detectLanguage(`${title}\n${article.text}`) ?? null;
    const published = opts.published ?? article.published ?? null;
    // A plain-text file's first line is its title: read apart from the body, as a headline.
    let body = article.text;
    let useTitle: string | undefined = title;
    if (opts.title === undefined && title && body.startsWith(title)) {
      body = body.slice(title.length).trim();
      if (!body) {
        body = title;
        useTitle = undefined;
      }
    }
    if (!language) return { title, text: article.text, language, published, claims: [], incident: { id: null, score: 0 } };
    const claims = this.extractor.extract(body, { lang: language, title: useTitle, published: published ?? undefined, defaultBy: opts.defaultBy, outlet: opts.outlet });
    const incident = linkIncident(this.incidents, this.gazetteer, { title, text: article.text, published }, claims);
    return { title, text: article.text, language, published, claims, incident };
  }
}
