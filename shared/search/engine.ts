/**
 * Ranked search over index segments. BM25 over sentence terms, phrases, exclusions, typo/prefix
 * expansion, metadata filters, speaker-only matching, facets, and the sentence-level statements
 * that summaries cite. Scoring is term-at-a-time over postings into per-segment accumulators; the
 * sentence pass (positions, no text) runs only where a speaker or phrase needs it and for the
 * results shown; only those results' readouts are decoded.
 */
import { bm25, idf, lengthNorm, MATCH_WEIGHTS, RANKING, SENTENCE_WEIGHTS } from './ranking.ts';
import { topicVocabulary } from '../readout/topics.ts';
import { editDistance, prefixRange } from './fuzzy.ts';
import { parseQuery, type ParsedQuery, type QueryClause } from './query.ts';
import type { SearchDoc } from './search-doc.ts';
import {
  dateKey,
  type FacetCounts,
  type PositionalPostings,
  type Postings,
  type Segment,
  type SentenceTable,
  type SpeakerSentences,
} from './segment.ts';
import { tokenizeWithOffsets } from './tokenize.ts';

export interface SearchFilters {
  /** Canonical topic ids; a readout must carry all of them. */
  topics?: string[];
  /** Participant id or name; only that participant's statements count. */
  speaker?: string;
  country?: string;
  publisher?: string;
  kind?: string;
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
  facets: Facets;
  expansions: Record<string, string[]>;
  /** Facets were counted on an even sample of the hits and scaled (more than FACET_SAMPLE in a segment). */
  facetsSampled: boolean;
}

export interface EngineOptions {
  /** Mean readout length for BM25, fixed per base version so ranking does not drift with deltas. */
  avgLen?: number;
}

/** Everything about a query that does not depend on the segment: terms, weights, idf, topics, filters. */
export class QueryPlan {
  readonly parsed: ParsedQuery | null;
  readonly groups: Array<Map<string, number>>;
  readonly required: QueryClause[];
  readonly excluded: QueryClause[];
  readonly expansions: Record<string, string[]> = {};
  readonly requiredTopics: Array<string | null>;
  readonly queryTopics: string[];
  readonly topics: string[];
  readonly speakerQuery: string | undefined;
  readonly from: number;
  readonly to: number;
  readonly country: string | undefined;
  readonly publisher: string | undefined;
  readonly kind: string | undefined;
  readonly metadataFilters: boolean;
  readonly avgLen: number;
  readonly clauseIdf: number[];
  /** A term in several groups counts once, with its best weight. */
  readonly termWeight = new Map<string, number>();
  /** Terms found in the text: group terms and phrase words (highlights). */
  readonly lookup: Set<string>;
  /** Query terms by index: group terms, then phrase words, then excluded words. */
  readonly termList: string[];
  readonly termIdx: Map<string, number>;
  readonly termIdf: Float64Array;
  readonly groupTerms: Array<Array<readonly [number, number]>>;
  readonly requiredTerms: number[][];
  readonly excludedTerms: number[][];
  /** The sentence pass is needed for every candidate (speaker-only statements, phrases). */
  readonly slow: boolean;
  /** Ranking reads the sentence table (the sentence pass, or statement counts of filter-only queries). */
  readonly needsSentenceTable: boolean;
  /** Newest first (date sort, or no query text); else by relevance. */
  readonly byDate: boolean;
  /** How many of the best hits the page needs: offset + limit. */
  readonly k: number;

  constructor(
    segments: Segment[],
    readonly req: SearchRequest,
    options: EngineOptions,
  ) {
    const parsed = (this.parsed = req.q?.trim() ? parseQuery(req.q) : null);
    const df = (t: string) => {
      let c = 0;
      for (const s of segments) c += s.df(t);
      return c;
    };
    this.groups = (parsed?.groups ?? []).map((alts) => {
      const m = new Map<string, number>();
      for (const a of alts) for (const [t, w] of expand(segments, df, a)) m.set(t, Math.max(w, m.get(t) ?? 0));
      return m;
    });
    this.required = parsed?.required ?? [];
    this.excluded = parsed?.excluded ?? [];
    (parsed?.groups ?? []).forEach((alts, i) => {
      for (const a of alts) {
        const found = [...this.groups[i]!.keys()];
        if (a.terms.length === 1 && !(found.length === 1 && found[0] === a.terms[0])) this.expansions[a.raw] = found;
      }
    });
    // Topics the query names ("North Korea", "vaccines"): sentences tagged with them match too, so
    // "DPRK" and "vaccination" are found; they score below literal matches. A quoted phrase that names
    // a vocabulary topic ("Minsk agreements") is also met by the topic's other names.
    this.requiredTopics = this.required.map((c) => topicVocabulary.resolve(c.raw));
    this.queryTopics = parsed ? topicVocabulary.tag(req.q!.replace(/(^|\s)-("[^"]*"|\S+)/g, ' ')) : [];
    this.topics = req.topics ?? [];
    this.speakerQuery = req.speaker?.trim().toLowerCase() || undefined;
    this.from = req.from ? dateKey(req.from) : 0;
    this.to = req.to ? dateKey(req.to) : 0;
    this.country = req.country?.toLowerCase();
    this.publisher = req.publisher?.toLowerCase();
    this.kind = req.kind;
    this.metadataFilters = !!(
      this.from ||
      this.to ||
      this.country ||
      this.publisher ||
      this.kind ||
      this.topics.length
    );

    let N = 0;
    let lenTotal = 0;
    for (const s of segments) {
      const t = s.lengthTotals();
      N += t.docs;
      lenTotal += t.total;
    }
    N = Math.max(1, N);
    this.avgLen = options.avgLen || Math.max(1, lenTotal / N);
    const idfOf = (t: string) => idf(N, df(t));
    this.clauseIdf = this.required.map((r) => r.terms.reduce((a, t) => a + idfOf(t), 0));
    for (const g of this.groups)
      for (const [t, w] of g) this.termWeight.set(t, Math.max(w, this.termWeight.get(t) ?? 0));
    this.lookup = new Set([...this.termWeight.keys(), ...this.required.flatMap((r) => r.terms)]);
    this.termList = [...new Set([...this.lookup, ...this.excluded.flatMap((c) => c.terms)])];
    this.termIdx = new Map(this.termList.map((t, i) => [t, i]));
    this.termIdf = Float64Array.from(this.termList, idfOf);
    this.groupTerms = this.groups.map((g) => [...g].map(([t, w]) => [this.termIdx.get(t)!, w] as const));
    this.requiredTerms = this.required.map((r) => r.terms.map((t) => this.termIdx.get(t)!));
    this.excludedTerms = this.excluded.map((c) => c.terms.map((t) => this.termIdx.get(t)!));
    this.slow = !!this.speakerQuery || this.required.length > 0;
    this.byDate = req.sort === 'date' || (!parsed && req.sort !== 'relevance');
    this.k = (req.offset ?? 0) + (req.limit ?? 10);
    this.needsSentenceTable =
      this.slow || (!parsed && !this.topics.length) || this.excluded.some((c) => c.terms.length > 1);
  }
}

/** The hits of all segments, as parallel arrays (tens of thousands of them for broad queries). */
export class Hits {
  length = 0;
  seg = new Uint8Array(1024);
  n = new Uint32Array(1024);
  score = new Float64Array(1024);
  date = new Int32Array(1024);
  /** Room for `extra` more hits (callers reserve a segment's candidates up front). */
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.n.length) return;
    const size = Math.max(need, this.n.length * 2);
    const grow = <T extends Uint8Array | Uint32Array | Float64Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.seg = grow(this.seg);
    this.n = grow(this.n);
    this.score = grow(this.score);
    this.date = grow(this.date);
  }

  push(seg: number, n: number, score: number, date: number): number {
    this.reserve(1);
    const h = this.length++;
    this.seg[h] = seg;
    this.n[h] = n;
    this.score[h] = score;
    this.date[h] = date;
    if (this.best) this.keepBest(score);
    return h;
  }

  /** Hits counted but not kept: their score was below the k-th best when they were found. */
  skipped = 0;
  get total(): number {
    return this.length + this.skipped;
  }

  /** The k best scores so far (a min-heap), when ranking by relevance: what a hit must reach to make the page. */
  private best: Float64Array | null = null;
  private bestCount = 0;
  track(k: number): void {
    this.best = new Float64Array(k);
    this.bestCount = 0;
  }
  /** The k-th best score so far; -Infinity until k hits are in, or when not tracked. */
  get threshold(): number {
    return this.best && this.bestCount === this.best.length ? this.best[0]! : -Infinity;
  }

  private keepBest(score: number): void {
    const heap = this.best!;
    const k = heap.length;
    if (this.bestCount < k) {
      let i = this.bestCount++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heap[p]! <= score) break;
        heap[i] = heap[p]!;
        i = p;
      }
      heap[i] = score;
      return;
    }
    if (score <= heap[0]!) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let v = score;
      if (l < k && heap[l]! < v) {
        m = l;
        v = heap[l]!;
      }
      if (r < k && heap[r]! < v) m = r;
      if (m === i) break;
      heap[i] = heap[m]!;
      i = m;
    }
    heap[i] = score;
  }
}

type WorkArray = Uint8Array | Uint16Array | Int32Array | Float64Array;
type WorkArrayOf<T extends WorkArray> = { new (length: number): T };

/**
 * Per-readout work arrays (flags, accumulators) for segments of one size, reused by the next search:
 * a fresh set for 100,000 readouts cost ≈ 0.2 ms and as much garbage per query, zeroing them ≈ 30 µs.
 * Taken and given back within one synchronous SegmentSearch.run; a run that finds them taken (none
 * should) gets fresh ones.
 */
class WorkArrays {
  private static readonly bySize = new Map<number, WorkArrays>();
  private busy = false;
  private readonly arrays = new Map<string, WorkArray>();
  private constructor(private readonly slots: number) {}

  static take(slots: number): WorkArrays {
    let w = WorkArrays.bySize.get(slots);
    if (!w) {
      // The live segment changes size as readouts arrive: keep a few sizes only.
      if (WorkArrays.bySize.size >= 4) WorkArrays.bySize.clear();
      WorkArrays.bySize.set(slots, (w = new WorkArrays(slots)));
    }
    if (w.busy) return new WorkArrays(slots);
    w.busy = true;
    return w;
  }

  release(): void {
    this.busy = false;
  }

  /** A zeroed array of one entry per readout, by name. */
  zeroed<T extends WorkArray>(name: string, Type: WorkArrayOf<T>): T {
    let a = this.arrays.get(name) as T | undefined;
    if (a) a.fill(0);
    else this.arrays.set(name, (a = new Type(this.slots)));
    return a;
  }
}

/** What the sentence pass found in one readout (one reused object per segment search). */
interface ScanResult {
  tf: Float64Array;
  eligibleLen: number;
  topicSentences: number;
  matchedGroups: number;
  statementCount: number;
  literal: Uint8Array;
  satisfied: boolean;
  speakerCodes: number[];
  statements: Statement[] | null;
}

/** One query over one segment: candidates, scoring, the sentence pass. */
export class SegmentSearch {
  readonly topicRefs: number[];
  readonly requiredRefs: number[];
  readonly queryRefs: number[];
  private readonly plain: Array<Postings | null | undefined>;
  private readonly positional: Array<PositionalPostings | null | undefined>;
  private readonly cursor: Int32Array;
  private eligible = new Uint8Array(64);
  /** The speaker's sentences across the segment, when the segment works them out (speaker queries). */
  private readonly speakerSentences: SpeakerSentences | null;
  private sentScore = new Float64Array(64);
  private readonly literalMarks: Uint8Array[];
  private readonly out: ScanResult;
  /** Topic refs as masks, and per-sentence flags reused across readouts. */
  private readonly topicMask: Uint8Array;
  private readonly queryMask: Uint8Array;
  private onTopic = new Uint8Array(64);
  private onQueryTopic = new Uint8Array(64);
  private onRequiredTopic = new Uint8Array(64);
  private readonly requiredMasks: Uint8Array[];
  /** Sentence speaker codes of the participants the speaker query names, in the readout being scanned. */
  readonly codes: number[] = [];
  facetsSampled = false;
  private readonly at = new Int32Array(64);

  constructor(
    private readonly seg: Segment,
    private readonly plan: QueryPlan,
  ) {
    this.topicRefs = plan.topics.map((t) => seg.topicRef(t));
    this.speakerSentences = plan.speakerQuery ? seg.speakerSentences(plan.speakerQuery) : null;
    this.requiredRefs = plan.requiredTopics.map((t) => (t ? seg.topicRef(t) : -1));
    this.queryRefs = plan.queryTopics.map((t) => seg.topicRef(t)).filter((r) => r >= 0);
    const T = plan.termList.length;
    this.plain = new Array(T).fill(undefined);
    this.positional = new Array(T).fill(undefined);
    this.cursor = new Int32Array(T);
    this.literalMarks = plan.required.map(() => new Uint8Array(64));
    const mask = (refs: number[]) => {
      const m = new Uint8Array(Math.max(0, ...refs) + 1);
      for (const r of refs) if (r >= 0) m[r] = 1;
      return m;
    };
    this.topicMask = mask(this.topicRefs);
    this.queryMask = mask(this.queryRefs);
    this.requiredMasks = this.requiredRefs.map((r) => mask([r]));
    this.out = {
      tf: new Float64Array(T),
      eligibleLen: 0,
      topicSentences: 0,
      matchedGroups: 0,
      statementCount: 0,
      literal: new Uint8Array(plan.required.length),
      satisfied: true,
      speakerCodes: [],
      statements: null,
    };
  }

  postings(t: number): Postings | null {
    let p = this.plain[t];
    if (p === undefined) p = this.plain[t] = this.seg.postings(this.plan.termList[t]!);
    return p;
  }

  positionsOf(t: number): PositionalPostings | null {
    let p = this.positional[t];
    if (p === undefined) p = this.positional[t] = this.seg.positional(this.plan.termList[t]!);
    return p;
  }

  /** Index of readout n in term t's postings, or -1. Forward moves walk; backward ones search. */
  slot(t: number, n: number): number {
    const p = this.positionsOf(t);
    if (!p) return -1;
    const d = p.docs;
    let c = this.cursor[t]!;
    if (c > 0 && (c >= d.length || d[c - 1]! >= n)) {
      let lo = 0;
      let hi = d.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (d[mid]! < n) lo = mid + 1;
        else hi = mid;
      }
      c = lo;
    } else while (c < d.length && d[c]! < n) c++;
    this.cursor[t] = c;
    return c < d.length && d[c] === n ? c : -1;
  }

  /** Collects the hits of this segment into `hits` and its facets into `facets`. */
  run(si: number, hits: Hits, facets: Facets): void {
    if (this.topicRefs.some((r) => r < 0)) return; // no readout here carries every topic asked for
    const work = WorkArrays.take(this.seg.slots);
    try {
      this.collect(si, hits, facets, work);
    } finally {
      work.release();
    }
  }

  private collect(si: number, hits: Hits, facets: Facets, work: WorkArrays): void {
    const { seg, plan } = this;
    const { topicRefs, requiredRefs, queryRefs } = this;
    const { parsed, groups, required, excluded, topics, speakerQuery, avgLen } = plan;
    const slots = seg.slots;

    // ---- candidates, and BM25 over whole readouts for the fast path ----
    const mark = work.zeroed('mark', Uint8Array);
    let cand: Uint32Array;
    let sorted = false;
    if (parsed && required.length) {
      // Phrases: a readout must hold every word of each phrase, or a sentence on the phrase's topic
      // (hasRequired), whatever else the query asks. Postings are sorted: intersections are merges.
      let set: Uint32Array | null = null;
      plan.requiredTerms.forEach((terms, k) => {
        let clause: Uint32Array | null = null;
        for (const t of terms) {
          const p = this.postings(t);
          clause = intersect(clause, p ? p.docs : EMPTY);
        }
        if (requiredRefs[k]! >= 0) clause = union(clause ?? EMPTY, seg.topicSentences(requiredRefs[k]!).docs, mark);
        set = intersect(set, clause ?? EMPTY);
      });
      cand = set ?? EMPTY;
      sorted = true;
    } else {
      const lists: Array<ArrayLike<number>> = [];
      if (parsed && (groups.length || required.length)) {
        for (const t of plan.lookup) {
          const p = this.postings(plan.termIdx.get(t)!);
          if (p) lists.push(p.docs);
        }
        for (const r of queryRefs) lists.push(seg.docsWithTopic(r));
      } else if (topics.length) lists.push(seg.docsWithTopic(topicRefs[0]!));
      else if (speakerQuery) lists.push(seg.docsWithSpeaker(speakerQuery));
      else {
        const all = new Uint32Array(slots);
        for (let n = 0; n < slots; n++) all[n] = n;
        lists.push(all);
      }
      let size = 0;
      for (const l of lists) size += l.length;
      cand = new Uint32Array(Math.min(size, slots));
      let c = 0;
      for (const l of lists)
        for (let j = 0; j < l.length; j++) {
          const n = l[j]!;
          if (!mark[n]) {
            mark[n] = 1;
            cand[c++] = n;
          }
        }
      cand = cand.subarray(0, c);
    }

    const acc = plan.slow ? new Float64Array(0) : work.zeroed('acc', Float64Array);
    const matched = plan.slow ? new Uint16Array(0) : work.zeroed('matched', Uint16Array);
    if (plan.slow) {
      // The sentence pass walks postings with cursors: candidates in ascending order. Readouts
      // without the speaker are out before any other work.
      if (speakerQuery) {
        const withSpeaker = seg.docsWithSpeaker(speakerQuery);
        const keep = work.zeroed('keep', Uint8Array);
        for (let j = 0; j < cand.length; j++) keep[cand[j]!] = 1;
        const out = new Uint32Array(Math.min(cand.length, withSpeaker.length));
        let c = 0;
        for (let j = 0; j < withSpeaker.length; j++) if (keep[withSpeaker[j]!]) out[c++] = withSpeaker[j]!;
        cand = out.subarray(0, c);
      } else if (!sorted) cand.sort();
    } else if (groups.length) {
      for (const [t, w] of plan.termWeight) {
        const p = this.postings(plan.termIdx.get(t)!);
        if (!p) continue;
        const x = plan.termIdf[plan.termIdx.get(t)!]!;
        for (let j = 0; j < p.docs.length; j++) {
          const n = p.docs[j]!;
          const f = p.tfs[j]! * w;
          acc[n] += bm25(x, f, lengthNorm(seg.length(n), avgLen));
        }
      }
      const stamp = work.zeroed('stamp', Int32Array);
      plan.groupTerms.forEach((g, gi) => {
        for (const [t] of g) {
          const p = this.postings(t);
          if (p)
            for (let j = 0; j < p.docs.length; j++) {
              const n = p.docs[j]!;
              if (stamp[n] !== gi + 1) {
                stamp[n] = gi + 1;
                matched[n]++;
              }
            }
        }
      });
    }

    // ---- exclusions ----
    const excludedDocs = excluded.length ? work.zeroed('excluded', Uint8Array) : new Uint8Array(0);
    for (const terms of plan.excludedTerms) {
      const p = this.postings(terms[0]!);
      if (!p) continue;
      for (let j = 0; j < p.docs.length; j++) {
        const n = p.docs[j]!;
        if (terms.length === 1 || this.phraseIn(n, seg.sentences(n), terms, null) >= 0) excludedDocs[n] = 1;
      }
    }

    // Sentences on the requested topics and on the topics the query names, per readout.
    const topicSums = topicRefs.length
      ? this.topicSentenceCounts(topicRefs, work.zeroed('topicSums', Uint16Array))
      : null;
    const queryTopicSums =
      !plan.slow && queryRefs.length
        ? this.topicSentenceCounts(queryRefs, work.zeroed('queryTopicSums', Uint16Array))
        : null;
    const speakersKnown = plan.slow ? work.zeroed('speakersKnown', Uint8Array) : new Uint8Array(0);
    const titleIds = seg.termIds([...plan.termWeight.keys()]);
    const segHits = new Uint32Array(cand.length);
    let segCount = 0;
    const speakerCounts = new Map<number, number>();
    const G = groups.length;
    hits.reserve(cand.length);

    for (let ci = 0; ci < cand.length; ci++) {
      const n = cand[ci]!;
      if (!seg.isLive(n)) continue;
      if (plan.metadataFilters && !this.passesMetadata(n)) continue;
      if (excluded.length && excludedDocs[n]) continue;

      let score = 0;
      let topicSentences = 0;
      let matchedGroups: number;
      let statementCount: number;
      const topicSum = topicSums ? topicSums[n]! : 0;
      let scannedCodes: number[] | null = null;
      if (plan.slow) {
        if (!this.hasRequired(n)) continue;
        if (speakerQuery && !seg.speakerCodesFor(n, speakerQuery, this.codes)) continue;
        // Phrases without a speaker: every sentence counts, so a readout without the phrase (or its
        // topic) in any sentence is out, found without the full sentence pass.
        if (!speakerQuery && !this.anyPhraseSentence(n)) continue;
        const r = this.scan(n, false);
        if (!r.satisfied) continue;
        topicSentences = r.topicSentences;
        matchedGroups = r.matchedGroups;
        statementCount = r.statementCount;
        const norm = lengthNorm(speakerQuery ? r.eligibleLen : seg.length(n), avgLen);
        for (let t = 0; t < r.tf.length; t++) {
          const f = r.tf[t]!;
          if (f) score += bm25(plan.termIdf[t]!, f, norm);
        }
        for (let k = 0; k < required.length; k++) {
          score += (r.literal[k] ? RANKING.literalClause : RANKING.topicClause) * plan.clauseIdf[k]!;
          if (!r.literal[k] && requiredRefs[k]! >= 0) topicSentences++;
        }
        scannedCodes = statementCount ? r.speakerCodes.slice() : null;
      } else {
        score = G ? acc[n]! : 0;
        matchedGroups = G ? matched[n]! : 0;
        topicSentences = queryTopicSums ? queryTopicSums[n]! : 0;
        statementCount = topics.length ? topicSum : matchedGroups || topicSentences ? 1 : 0;
        if (!parsed && !topics.length) statementCount = seg.sentenceCount(n);
      }
      if (parsed && G && !matchedGroups && !required.length && !topicSentences) continue;
      if (!parsed && topics.length && !statementCount) continue;
      if (parsed && !statementCount) continue;

      if (G) score *= (matchedGroups / G) ** RANKING.coordinationExponent;
      if (topicSentences) score += Math.min(RANKING.queryTopicSentenceCap, topicSentences) * RANKING.queryTopicSentence;
      // A readout below the k-th best so far cannot make the page (the bar only rises): it is
      // counted for the total and facets, not kept; its title is looked at only if that could change.
      const bar = hits.threshold;
      const topicBonus = topics.length ? topicSum * RANKING.requestedTopicSentence : 0;
      if (
        G &&
        titleIds.length &&
        score * RANKING.titleBoost + topicBonus + 0.001 >= bar &&
        seg.titleHasAny(n, titleIds)
      )
        score *= RANKING.titleBoost;
      score += topicBonus;
      if (!parsed) score = statementCount;

      const rounded = Math.round(score * 1000) / 1000;
      if (rounded < bar) hits.skipped++;
      else hits.push(si, n, rounded, seg.dateKey(n));
      segHits[segCount++] = n;
      if (scannedCodes) {
        // Facets: who made the matching statements (joint statements name nobody).
        speakersKnown[n] = 1;
        for (const c of scannedCodes) speakerCounts.set(c, (speakerCounts.get(c) ?? 0) + 1);
      }
    }
    this.facetsSampled = segCount > FACET_SAMPLE;
    seg.addFacets(
      sample(segHits, segCount, FACET_SAMPLE),
      Math.min(segCount, FACET_SAMPLE),
      speakersKnown,
      facets,
      segCount > FACET_SAMPLE ? segCount / FACET_SAMPLE : 1,
    );
    for (const [c, v] of speakerCounts) {
      const id = seg.speakerOfCode(c);
      if (id) facets.speakers[id] = (facets.speakers[id] ?? 0) + v;
    }
  }

  /** Per readout, the sentences tagged with any of the topics (summed per topic), into `sums` (zeroed). */
  private topicSentenceCounts(refs: number[], sums: Uint16Array): Uint16Array {
    for (const r of refs) {
      const { docs, counts } = this.seg.topicSentences(r);
      for (let j = 0; j < docs.length; j++) sums[docs[j]!] += counts[j]!;
    }
    return sums;
  }

  /** Per required clause k: readouts with a sentence on the clause's topic (built on first use). */
  private requiredTopicFlags: Array<Uint8Array | undefined> = [];
  private queryTopicFlags: Uint8Array | null = null;
  private topicFlags(refs: number[]): Uint8Array {
    const f = new Uint8Array(this.seg.slots);
    for (const r of refs) {
      if (r < 0) continue;
      const { docs } = this.seg.topicSentences(r);
      for (let j = 0; j < docs.length; j++) f[docs[j]!] = 1;
    }
    return f;
  }
  /** Readout n has a sentence on required clause k's topic (a flag lookup: this runs per candidate). */
  private hasTopicSentence(n: number, k: number): boolean {
    if (this.requiredRefs[k]! < 0) return false;
    return (this.requiredTopicFlags[k] ??= this.topicFlags([this.requiredRefs[k]!]))[n] === 1;
  }
  /** Readouts with a sentence on any topic the query names. */
  private onQueryTopicFlags(): Uint8Array {
    return (this.queryTopicFlags ??= this.topicFlags(this.queryRefs));
  }

  /** Readouts carrying every requested topic, as flags (built once per query from the segment's lists). */
  private topicFilter: Uint8Array | null = null;
  private withTopics(): Uint8Array {
    if (!this.topicFilter) {
      const refs = [...new Set(this.topicRefs)];
      const count = new Uint8Array(this.seg.slots);
      for (const r of refs) {
        const docs = this.seg.docsWithTopic(r);
        for (let j = 0; j < docs.length; j++) count[docs[j]!]!++;
      }
      if (refs.length > 1) for (let n = 0; n < count.length; n++) count[n] = count[n] === refs.length ? 1 : 0;
      this.topicFilter = count;
    }
    return this.topicFilter;
  }

  private passesMetadata(n: number): boolean {
    const { seg, plan } = this;
    if (plan.from || plan.to) {
      const d = seg.dateKey(n);
      if (!d || (plan.from && d < plan.from) || (plan.to && d > plan.to)) return false;
    }
    if (plan.publisher && (seg.publisher(n) ?? '').toLowerCase() !== plan.publisher) return false;
    if (plan.kind && seg.kind(n) !== plan.kind) return false;
    if (plan.country && !seg.hasCountry(n, plan.country)) return false;
    if (this.topicRefs.length && !this.withTopics()[n]) return false;
    return true;
  }

  /** Every phrase's words are in the readout, or its topic is in one of the readout's sentences. */
  private hasRequired(n: number): boolean {
    const clauses = this.plan.requiredTerms;
    for (let k = 0; k < clauses.length; k++) {
      const terms = clauses[k]!;
      let all = true;
      for (let j = 0; j < terms.length && all; j++) all = this.slot(terms[j]!, n) >= 0;
      if (all) continue;
      if (this.hasTopicSentence(n, k)) continue;
      return false;
    }
    return true;
  }

  private anyPhraseSentence(n: number): boolean {
    const clauses = this.plan.requiredTerms;
    let tab: SentenceTable | null = null;
    for (let k = 0; k < clauses.length; k++) {
      if (this.hasTopicSentence(n, k)) continue;
      tab ??= this.seg.sentences(n);
      if (this.phraseIn(n, tab, clauses[k]!, null) < 0) return false;
    }
    return true;
  }

  private sentenceOf(tab: SentenceTable, p: number, from: number): number {
    let i = from;
    while (i + 1 < tab.count && tab.starts[tab.from + i + 1]! <= p) i++;
    return i;
  }

  /** The first sentence holding the terms as a phrase (adjacent, in order, inside one sentence), or -1; with `mark`, flags every such sentence. */
  phraseIn(n: number, tab: SentenceTable, terms: number[], mark: Uint8Array | null): number {
    const at = this.at;
    for (let k = 0; k < terms.length; k++) {
      at[k] = this.slot(terms[k]!, n);
      if (at[k]! < 0) return -1;
    }
    const p0 = this.positionsOf(terms[0]!)!;
    let found = -1;
    let i = 0;
    for (let j = p0.posStart[at[0]!]!; j < p0.posStart[at[0]! + 1]!; j++) {
      const p = p0.pos[j]!;
      i = this.sentenceOf(tab, p, i);
      const end = i + 1 < tab.count ? tab.starts[tab.from + i + 1]! : tab.end;
      if (p + terms.length > end) continue; // would run into the next sentence
      let ok = true;
      for (let k = 1; k < terms.length && ok; k++) {
        const pk = this.positionsOf(terms[k]!)!;
        let lo = pk.posStart[at[k]!]!;
        const hi0 = pk.posStart[at[k]! + 1]!;
        let hi = hi0;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (pk.pos[mid]! < p + k) lo = mid + 1;
          else hi = mid;
        }
        ok = lo < hi0 && pk.pos[lo] === p + k;
      }
      if (!ok) continue;
      if (found < 0) found = i;
      if (!mark) return found;
      mark[i] = 1;
    }
    return found;
  }

  /** The sentence pass over readout n: which sentences match, and term frequencies over the eligible ones. */
  scan(n: number, withStatements: boolean): ScanResult {
    const { seg, plan, out } = this;
    const tab = seg.sentences(n);
    const S = tab.count;
    if (this.eligible.length < S) {
      this.eligible = new Uint8Array(S * 2);
      this.sentScore = new Float64Array(S * 2);
      this.onTopic = new Uint8Array(S * 2);
      this.onQueryTopic = new Uint8Array(S * 2);
      this.onRequiredTopic = new Uint8Array(S * 2);
      for (let k = 0; k < this.literalMarks.length; k++) this.literalMarks[k] = new Uint8Array(S * 2);
    }
    const { sentScore } = this;
    const codes = this.codes;
    // Only the speaker's own statements count when a speaker is asked for; joint statements
    // ("the two leaders agreed") are the speaker's too. Sentence i counts when eligible[at + i].
    const speakerQuery = plan.speakerQuery;
    sentScore.fill(0, 0, S);
    let eligible: Uint8Array = this.eligible;
    let at = 0;
    let eligibleLen = 0;
    if (!speakerQuery) {
      eligible.fill(1, 0, S);
    } else if (this.speakerSentences) {
      // Worked out once for the whole segment (see Segment.speakerSentences).
      eligible = this.speakerSentences.eligible;
      at = tab.from;
      eligibleLen = this.speakerSentences.tokens[n]!;
    } else {
      for (let i = 0; i < S; i++) {
        const c = tab.speakers[tab.from + i]!;
        const e = c === 1 || (c > 1 && codes.includes(c));
        eligible[i] = e ? 1 : 0;
        if (e) eligibleLen += (i + 1 < S ? tab.starts[tab.from + i + 1]! : tab.end) - tab.starts[tab.from + i]!;
      }
    }
    const tf = out.tf;
    tf.fill(0);
    let matchedGroups = 0;
    for (const g of plan.groupTerms) {
      let hit = false;
      for (const [t, w] of g) {
        const j = this.slot(t, n);
        if (j < 0) continue;
        const p = this.positionsOf(t)!;
        const x = plan.termIdf[t]!;
        let i = 0;
        for (let k = p.posStart[j]!; k < p.posStart[j + 1]!; k++) {
          i = this.sentenceOf(tab, p.pos[k]!, i);
          if (!eligible[at + i]) continue;
          tf[t] += w;
          hit = true;
          sentScore[i] += w * x;
        }
      }
      if (hit) matchedGroups++;
    }
    const literal = out.literal;
    let satisfied = true;
    for (let k = 0; k < plan.requiredTerms.length; k++) {
      const marks = this.literalMarks[k]!;
      marks.fill(0, 0, S);
      this.phraseIn(n, tab, plan.requiredTerms[k]!, marks);
      let lit = false;
      let ok = false;
      const onRef = this.hasTopicSentence(n, k)
        ? seg.markTopicSentences(n, this.requiredMasks[k]!, this.onRequiredTopic)
        : null;
      for (let i = 0; i < S; i++) {
        if (!eligible[at + i]) continue;
        if (marks[i]) {
          sentScore[i] += SENTENCE_WEIGHTS.literalClause * plan.clauseIdf[k]!;
          lit = ok = true;
        } else if (onRef && onRef[i]) {
          sentScore[i] += SENTENCE_WEIGHTS.topicClause * plan.clauseIdf[k]!;
          ok = true;
        }
      }
      literal[k] = lit ? 1 : 0;
      if (!ok) satisfied = false;
    }
    // Sentences on the requested topics and on the topics the query names (SENTENCE_WEIGHTS).
    const onTopic = this.topicRefs.length ? seg.markTopicSentences(n, this.topicMask, this.onTopic) : null;
    const onQueryTopic =
      this.queryRefs.length && this.onQueryTopicFlags()[n]
        ? seg.markTopicSentences(n, this.queryMask, this.onQueryTopic)
        : null;
    const listAll = !plan.parsed && !plan.topics.length && !!speakerQuery;
    let topicSentences = 0;
    let statementCount = 0;
    const statements: Statement[] | null = withStatements ? [] : null;
    const speakerCodes = out.speakerCodes;
    speakerCodes.length = 0;
    for (let i = 0; i < S; i++) {
      if (!eligible[at + i]) continue;
      if (onTopic && onTopic[i]) sentScore[i] += SENTENCE_WEIGHTS.requestedTopic;
      if (onQueryTopic && onQueryTopic[i]) {
        sentScore[i] += SENTENCE_WEIGHTS.queryTopic;
        topicSentences++;
      }
      if (sentScore[i]! > 0 || listAll) {
        statementCount++;
        statements?.push({ sentenceIndex: i, score: sentScore[i]!, highlights: [] });
        const c = tab.speakers[tab.from + i]!;
        if (c > 1 && !speakerCodes.includes(c)) speakerCodes.push(c);
      }
    }
    out.eligibleLen = eligibleLen;
    out.topicSentences = topicSentences;
    out.matchedGroups = matchedGroups;
    out.statementCount = statementCount;
    out.satisfied = satisfied;
    out.statements = statements;
    return out;
  }
}

export function searchSegments(segments: Segment[], req: SearchRequest, options: EngineOptions = {}): SearchResult {
  const plan = new QueryPlan(segments, req, options);
  return renderPage(segments, plan, rankSegments(segments, plan));
}

/** Ranking done, page not yet rendered: which hits are shown (their readouts may need reading first). */
export interface Ranked {
  hits: Hits;
  facets: Facets;
  facetsSampled: boolean;
  searches: SegmentSearch[];
  page: Array<{ h: number; segment: number; n: number }>;
}

export function rankSegments(segments: Segment[], plan: QueryPlan): Ranked {
  const hits = new Hits();
  const facets: Facets = { topics: {}, speakers: {}, publishers: {}, years: {}, kinds: {} };
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
    const all = search.scan(n, true).statements!;
    const doc = seg.doc(n);
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
    facets: ranked.facets,
    expansions: plan.expansions,
    facetsSampled: ranked.facetsSampled,
  };
}

const NONE: readonly string[] = [];
const EMPTY = new Uint32Array(0);

/** Sorted ∩ sorted (null = everything). */
function intersect(a: Uint32Array | null, b: ArrayLike<number>): Uint32Array {
  if (!a) return Uint32Array.from(b);
  const out = new Uint32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let c = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[c++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, c);
}

/** Sorted ∪ sorted, ascending (`scratch`: a zeroed flag per slot, left zeroed). */
function union(a: ArrayLike<number>, b: ArrayLike<number>, scratch: Uint8Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let c = 0;
  for (const l of [a, b])
    for (let j = 0; j < l.length; j++) {
      const n = l[j]!;
      if (!scratch[n]) {
        scratch[n] = 1;
        out[c++] = n;
      }
    }
  for (let j = 0; j < c; j++) scratch[out[j]!] = 0;
  return out.subarray(0, c).sort();
}

/**
 * Facets count every hit up to this many; above it they are counted on an even sample and scaled
 * (a broad query over 100k readouts matches most of them: exact counts would cost more than the search).
 */
export const FACET_SAMPLE = 16_384;

/** An even sample of `size` of the first `count` entries (all of them when count ≤ size). */
function sample(xs: Uint32Array, count: number, size: number): Uint32Array {
  if (count <= size) return xs.subarray(0, count);
  const out = new Uint32Array(size);
  const step = count / size;
  for (let i = 0; i < size; i++) out[i] = xs[Math.floor(i * step)]!;
  return out;
}

/** Orders hits: relevance (score, then newer) or date (newer, then score); ties by arrival. */
function before(h: Hits, a: number, b: number, byDate: boolean): number {
  const s = h.score;
  const d = h.date;
  return (byDate ? d[b]! - d[a]! || s[b]! - s[a]! : s[b]! - s[a]! || d[b]! - d[a]!) || a - b;
}

/** Indices of the best k hits, in order; a bounded insertion keeps it O(count·log k). */
function topK(h: Hits, k: number, byDate: boolean): number[] {
  const count = h.length;
  if (k <= 0) return [];
  if (count <= k * 4 || k > 2000)
    return Array.from({ length: count }, (_, i) => i)
      .sort((a, b) => before(h, a, b, byDate))
      .slice(0, k);
  const top: number[] = [];
  for (let x = 0; x < count; x++) {
    if (top.length === k && before(h, x, top[k - 1]!, byDate) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(h, top[mid]!, x, byDate) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, x);
    if (top.length > k) top.pop();
  }
  return top;
}

/** A clause's terms with the vocabulary terms they stand for (exact, prefix or near-miss). */
function expand(segments: Segment[], df: (t: string) => number, clause: QueryClause): Map<string, number> {
  const out = new Map<string, number>();
  if (clause.terms.length > 1) {
    for (const t of clause.terms) out.set(t, MATCH_WEIGHTS.exact);
    return out;
  }
  const t = clause.terms[0]!;
  if (df(t) > 0) out.set(t, MATCH_WEIGHTS.exact);
  if (clause.prefix || (!out.size && t.length >= 4)) {
    const all = [...new Set(segments.flatMap((s) => prefixRange(s.sortedTerms() as string[], t, 30)))]
      .sort()
      .slice(0, 30);
    for (const p of all) if (!out.has(p)) out.set(p, clause.prefix ? MATCH_WEIGHTS.exact : MATCH_WEIGHTS.prefix);
  }
  if (!out.size && t.length >= 4) {
    // Typo tolerance: the closest vocabulary terms (1 edit, 2 for long words), most frequent first.
    const max = t.length >= 8 ? 2 : 1;
    const near = new Set<string>();
    for (const s of segments) {
      const terms = s.sortedTerms() as string[];
      // Same first letter: one contiguous range of the sorted vocabulary.
      for (const v of prefixRange(terms, t[0]!, Infinity))
        if (Math.abs(v.length - t.length) <= max && editDistance(v, t, max) <= max) near.add(v);
    }
    for (const v of [...near]
      .sort()
      .sort((a, b) => df(b) - df(a))
      .slice(0, 5))
      out.set(v, MATCH_WEIGHTS.typo);
  }
  return out;
}

function highlightsIn(doc: SearchDoc, i: number, terms: Set<string>): Array<[number, number]> {
  const s = doc.sentences[i]!;
  const out: Array<[number, number]> = [];
  for (const t of tokenizeWithOffsets(s.text)) if (terms.has(t.term)) out.push([s.start + t.start, s.start + t.end]);
  return out.filter((h, k) => k === 0 || h[0] !== out[k - 1]![0]);
}
