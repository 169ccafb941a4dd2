/**
 * Ranked search over index segments. BM25 over sentence terms, phrases, exclusions, typo/prefix
 * expansion, metadata filters, speaker-only matching, facets, and the sentence-level statements
 * that summaries cite. Scoring is term-at-a-time over postings into per-segment accumulators; the
 * sentence pass (positions, no text) runs only where a speaker or phrase needs it and for the
 * results shown; only those results' readouts are decoded.
 */
import { withContinuations } from './continuations.ts';
import { NONE } from './postings-ops.ts';
import { QueryPlan } from './query-plan.ts';
import type { SearchDoc } from './search-doc.ts';
import { emptyTally, type FacetTally, topFacets } from './facets.ts';
import type { EngineOptions, Hit, SearchRequest, SearchResult } from './search-types.ts';
import { SegmentSearch } from './segment-search.ts';
import type { Segment } from './segment.ts';
import { Hits, topK } from './top-k.ts';
import { termSpans } from './tokenize.ts';

export type * from './search-types.ts';
export { QueryPlan } from './query-plan.ts';
export { FACET_SAMPLE } from './segment-search.ts';

export function searchSegments(segments: Segment[], req: SearchRequest, options: EngineOptions = {}): SearchResult {
  const plan = new QueryPlan(segments, req, options);
  return renderPage(segments, plan, rankSegments(segments, plan));
}

/** Ranking done, page not yet rendered: which hits are shown (their readouts may need reading first). */
export interface Ranked {
  hits: Hits;
  facets: FacetTally;
  facetsSampled: boolean;
  searches: SegmentSearch[];
  page: Array<{ h: number; segment: number; n: number }>;
}

export function rankSegments(segments: Segment[], plan: QueryPlan): Ranked {
  const hits = new Hits();
  const facets = emptyTally();
  const searches = segments.map((seg) => new SegmentSearch(seg, plan));
  // Ranked by relevance, hits that cannot make the page need not be kept (see SegmentSearch.run).
  if (!plan.byDate && plan.k <= 1000) hits.track(plan.k);
  // An empty segment is skipped: besides saving work, it keeps the engine's hot loop monomorphic.
  searches.forEach((s, si) => {
    if (segments[si]!.slots) s.run(si, hits, facets);
  });
  // The page: top offset+limit without sorting every hit.
  const top = topK(hits, plan.k, plan.byDate).slice(plan.req.offset ?? 0);
  return {
    hits,
    facets,
    facetsSampled: searches.some((x) => x.facetsSampled),
    searches,
    page: top.map((h) => ({ h, segment: hits.seg[h]!, n: hits.n[h]! })),
  };
}

export function renderPage(segments: Segment[], plan: QueryPlan, ranked: Ranked): SearchResult {
  const { hits, searches } = ranked;
  const perResult = plan.req.statementsPerResult ?? 12;
  const page: Hit[] = ranked.page.map(({ h, segment, n }) => {
    const seg = segments[segment]!;
    const search = searches[segment]!;
    const speakerIds = plan.speakerQuery ? seg.speakerIds(n, plan.speakerQuery) : NONE;
    if (plan.speakerQuery) seg.speakerCodesFor(n, plan.speakerQuery, search.codes);
    const doc = seg.doc(n);
    const all = withContinuations(doc, search.scan(n, true).statements!);
    const shown = all
      .sort((a, b) => b.score - a.score || a.sentenceIndex - b.sentenceIndex)
      .slice(0, perResult)
      .sort((a, b) => a.sentenceIndex - b.sentenceIndex);
    for (const st of shown) st.highlights = highlightsIn(doc, st.sentenceIndex, plan.lookup);
    return { doc, score: hits.score[h]!, statements: shown, speakerIds: [...speakerIds] };
  });
  return {
    total: hits.total,
    hits: page,
    ...facetPage(ranked.facets, plan.req.facetSize),
    expansions: plan.expansions,
    related: plan.related,
    facetsSampled: ranked.facetsSampled,
  };
}

function highlightsIn(doc: SearchDoc, i: number, terms: Set<string>): Array<[number, number]> {
  const s = doc.sentences[i]!;
  return termSpans(s.text, terms).map(([a, b]) => [s.start + a, s.start + b]);
}

/** The response's facets: each cut to its `size` most frequent values, and which were cut (`facetValues`). */
function facetPage(tally: FacetTally, size?: number): Pick<SearchResult, 'facets' | 'facetValues'> {
  const { facets, cut } = topFacets(tally, size);
  return { facets, facetValues: cut };
}
