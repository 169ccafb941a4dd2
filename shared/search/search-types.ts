/** The search engine's request and result shapes (shared/search/engine.ts runs the search). */
import type { SearchDoc } from './search-doc.ts';
import type { FacetCounts } from './segment.ts';

export interface SearchFilters {
  /** Canonical topic ids; a readout must carry all of them. */
  topics?: string[];
  /** Participant id or name; only that participant's statements count. */
  speaker?: string;
  /** Participant ids or names; a readout must have all of them taking part (whoever speaks). */
  participants?: string[];
  country?: string;
  publisher?: string;
  /** One kind, or any of several (a question's "calls": call and video_call). */
  kind?: string | string[];
  /** Inclusive ISO dates on the event date (publication date when unknown). */
  from?: string;
  to?: string;
}

export interface SearchRequest extends SearchFilters {
  q?: string;
  sort?: 'relevance' | 'date';
  offset?: number;
  limit?: number;
  /** Statements per result. @default 12 */
  statementsPerResult?: number;
  /** Values per facet, the most frequent first (facets.ts). @default 50 */
  facetSize?: number;
}

export interface Statement {
  sentenceIndex: number;
  score: number;
  highlights: Array<[number, number]>;
}
export interface Hit {
  doc: SearchDoc;
  score: number;
  statements: Statement[];
  speakerIds: string[];
}
export type Facets = FacetCounts;
export interface SearchResult {
  total: number;
  hits: Hit[];
  /** Each facet's most frequent values (`facetSize`), most frequent first. */
  facets: Facets;
  /** For each facet that had more values than it lists: how many distinct values it had. */
  facetValues: Partial<Record<keyof Facets, number>>;
  expansions: Record<string, string[]>;
  /** Per query word, the thesaurus expressions searched for too, with a lower weight. */
  related: Record<string, string[]>;
  /** Facets were counted on an even sample of the hits and scaled (more than FACET_SAMPLE in a segment). */
  facetsSampled: boolean;
}

export interface EngineOptions {
  /** Mean readout length for BM25, fixed per base version so ranking does not drift with deltas. */
  avgLen?: number;
}
