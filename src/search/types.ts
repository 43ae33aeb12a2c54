// What the search index takes in and gives back (shared by engine.ts and segment.ts).

export type TargetKind = 'incident' | 'entity';

export interface SearchDoc {
  kind: TargetKind;
  id: string;
  /** Names the target is known by, with how much a match on each counts (1 = its own name). */
  names: Array<{ text: string; weight: number }>;
  /** Descriptive words (titles, summaries, years, tags), for multi-word queries. */
  words?: Array<{ text: string; weight: number }>;
}

export interface SearchHit {
  kind: TargetKind;
  id: string;
  /** 0..1; 1 is an exact match on the target's own name. */
  score: number;
  /** The stored name (original text) or words that matched. */
  matched: string;
  how: 'exact' | 'fuzzy' | 'words' | 'phonetic' | 'prefix';
}

export interface SearchOptions {
  kinds?: TargetKind[];
  limit?: number;
}
