/**
 * One query over one segment: candidates from postings, BM25 scoring into per-readout accumulators,
 * filters, facets, and the sentence pass (`scan`) that finds the statements summaries cite.
 * `collect` and `scan` are the hot loops and stay whole methods: a split would add calls per readout
 * (and per sentence) in the inner loops.
 */
import type { QueryPlan } from './query-plan.ts';
import { bm25, substance, lengthNorm, RANKING, SENTENCE_WEIGHTS, titleBoostFor } from './ranking.ts';
import { type FacetTally, tallyAdd } from './facets.ts';
import type { Statement } from './search-types.ts';
import type { PositionalPostings, Postings, Segment, SentenceTable, SpeakerSentences } from './segment.ts';
import { EMPTY, intersect, sample, union } from './postings-ops.ts';
import type { Hits } from './top-k.ts';
import { WorkArrays } from './work-arrays.ts';

/** What the sentence pass found in one readout (one reused object per segment search). */
interface ScanResult {
  tf: Float64Array;
  eligibleLen: number;
  topicSentences: number;
  /** Sentences on the least covered query topic (substance; see leastTopicSentences). */
  leastTopicSentences: number;
  matchedGroups: number;
  /** The matched groups' coordination weights, summed (plan.groupWeight). */
  matchedWeight: number;
  statementCount: number;
  /** Per required phrase, the (eligible) sentences holding it as written (0: found through its topic only). */
  literalCount: Uint16Array;
  satisfied: boolean;
  speakerCodes: number[];
  statements: Statement[] | null;
}

/**
 * Facets count every hit up to this many; above it they are counted on an even sample and scaled
 * (a broad query over 100k readouts matches most of them: exact counts would cost more than the search).
 */
export const FACET_SAMPLE = 16_384;

/** One query over one segment: candidates, scoring, the sentence pass. */
export class SegmentSearch {
  readonly topicRefs: number[];
  readonly requiredRefs: number[];
  readonly queryRefs: number[];
  /** The query topics whose sentences make a readout a candidate (plan.matchTopics), as refs. */
  readonly matchRefs: number[];
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
  /** One mask per substance topic, when substance needs per-topic counts (perTopicSubstance). */
  private readonly substanceMasks: Uint8Array[];
  /** Every substance topic occurs in this segment (else substance is zero here). */
  private readonly substanceRefsAll: boolean;
  /** The query topics substance is measured on (plan.substanceTopics), as this segment's refs. */
  private readonly substanceRefs: number[];
  private readonly perTopicSubstance: boolean;
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
    const queryRefs = plan.queryTopics.map((t) => seg.topicRef(t));
    this.queryRefs = queryRefs.filter((r) => r >= 0);
    this.matchRefs = plan.matchTopics.map((t) => seg.topicRef(t)).filter((r) => r >= 0);
    const substanceRefs = plan.substanceTopics.map((t) => seg.topicRef(t));
    this.substanceRefs = substanceRefs.filter((r) => r >= 0);
    // No substance topic (none named, or all too broad): topics give no substance, rather than an
    // empty "least covered" set (which counted every query-topic sentence, or an unbounded least).
    this.substanceRefsAll = substanceRefs.length > 0 && substanceRefs.every((r) => r >= 0);
    // Substance needs per-topic counts unless it is measured on every query topic and there is one.
    this.perTopicSubstance = this.substanceRefs.length > 1 || this.substanceRefs.length < this.queryRefs.length;
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
    this.substanceMasks = this.perTopicSubstance ? this.substanceRefs.map((r) => mask([r])) : [];
    this.requiredMasks = this.requiredRefs.map((r) => mask([r]));
    this.out = {
      tf: new Float64Array(T),
      eligibleLen: 0,
      topicSentences: 0,
      leastTopicSentences: 0,
      matchedGroups: 0,
      matchedWeight: 0,
      statementCount: 0,
      literalCount: new Uint16Array(plan.required.length),
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
  run(si: number, hits: Hits, facets: FacetTally): void {
    if (this.topicRefs.some((r) => r < 0)) return; // no readout here carries every topic asked for
    const work = WorkArrays.take(this.seg.slots);
    try {
      this.collect(si, hits, facets, work);
    } finally {
      work.release();
    }
  }

  private collect(si: number, hits: Hits, facets: FacetTally, work: WorkArrays): void {
    const { seg, plan } = this;
    const { topicRefs, requiredRefs, queryRefs } = this;
    const { parsed, groups, required, excluded, topics, speakerQuery, avgLen } = plan;
    const slots = seg.slots;
    const G = groups.length;

    // ---- candidates, and BM25 over whole readouts for the fast path ----
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
        if (requiredRefs[k]! >= 0)
          clause = union(clause ?? EMPTY, seg.topicSentences(requiredRefs[k]!).docs, work.zeroed('mark', Uint8Array));
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
        for (const r of this.matchRefs) lists.push(seg.docsWithTopic(r));
      } else if (topics.length) lists.push(seg.docsWithTopic(topicRefs[0]!));
      else if (speakerQuery) lists.push(seg.docsWithSpeaker(speakerQuery));
      else if (plan.participants.length) lists.push(seg.docsWithSpeaker(plan.participants[0]!));
      else {
        const all = new Uint32Array(slots);
        for (let n = 0; n < slots; n++) all[n] = n;
        lists.push(all);
      }
      if (lists.length === 1 && lists[0] instanceof Uint32Array) {
        // One list (one query word, one topic, one speaker): already ascending and without repeats.
        // Read, never written: the sentence pass filters it into a new array, and it is sorted already.
        cand = lists[0];
        sorted = true;
      } else {
        const mark = work.zeroed('mark', Uint8Array);
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
    }

    // The substance word's mentions per readout, when it stands in for a topic (plan.substanceTerm).
    let wordMentions: Uint16Array | null = null;
    const acc = plan.slow ? new Float64Array(0) : work.zeroed('acc', Float64Array);
    // Per readout, the coordination weight of the query groups it matches (every group's is above 0).
    const matchedW = plan.slow ? new Float64Array(0) : work.zeroed('matchedW', Float64Array);
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
      const norms = seg.lengthNorms(avgLen);
      for (const [t, w] of plan.termWeight) {
        const ti = plan.termIdx.get(t)!;
        const p = this.postings(ti);
        if (!p) continue;
        const x = plan.termIdf[ti]!;
        if (plan.substanceTerm === ti) {
          wordMentions = work.zeroed('wordMentions', Uint16Array);
          for (let j = 0; j < p.docs.length; j++) wordMentions[p.docs[j]!] = p.tfs[j]!;
        }
        // A group of this term alone is matched here, in the same pass (most query words are one).
        const sole = plan.soleGroupOf[ti]!;
        const gw = sole >= 0 ? plan.groupWeight[sole]! : 0;
        for (let j = 0; j < p.docs.length; j++) {
          const n = p.docs[j]!;
          const f = p.tfs[j]! * w;
          acc[n] += bm25(x, f, norms[n]!);
          matchedW[n] += gw;
        }
      }
      // Groups of several terms (a word with its typos, related terms): a readout counts once per group.
      let stamp: Int32Array | null = null;
      for (let gi = 0; gi < G; gi++) {
        const start = plan.groupStart[gi]!;
        if (plan.soleGroupOf[plan.groupTermIds[start]!] === gi) continue;
        stamp ??= work.zeroed('stamp', Int32Array);
        for (let q = start; q < plan.groupStart[gi + 1]!; q++) {
          const p = this.postings(plan.groupTermIds[q]!);
          if (p)
            for (let j = 0; j < p.docs.length; j++) {
              const n = p.docs[j]!;
              if (stamp[n] !== gi + 1) {
                stamp[n] = gi + 1;
                matchedW[n] += plan.groupWeight[gi]!;
              }
            }
        }
      }
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
    const queryTopicLeast =
      queryTopicSums && this.substanceRefsAll
        ? !this.perTopicSubstance
          ? queryTopicSums
          : this.leastTopicSentences(this.substanceRefs, work.zeroed('queryTopicLeast', Uint16Array), () =>
              work.zeroed('queryTopicOne', Uint16Array),
            )
        : null;
    const speakersKnown = plan.slow ? work.zeroed('speakersKnown', Uint8Array) : new Uint8Array(0);
    const titleIds = seg.termIds([...plan.termWeight.keys()]);
    // Each query group's terms, to weigh a title by the share of the query it holds (titleBoostFor).
    const groupTitleIds = G > 1 ? plan.groups.map((g) => seg.termIds([...g.keys()])) : [];
    const segHits = new Uint32Array(cand.length);
    let segCount = 0;
    const speakerCounts = new Map<number, number>();
    hits.reserve(cand.length);

    for (let ci = 0; ci < cand.length; ci++) {
      const n = cand[ci]!;
      if (!seg.isLive(n)) continue;
      if (plan.metadataFilters && !this.passesMetadata(n)) continue;
      if (excluded.length && excludedDocs[n]) continue;

      let score = 0;
      let topicSentences = 0;
      let leastTopic = 0;
      let matchedGroups: number;
      let matchedWeight: number;
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
        leastTopic = plan.substanceTerm >= 0 ? Math.round(r.tf[plan.substanceTerm]!) : r.leastTopicSentences;
        matchedGroups = r.matchedGroups;
        matchedWeight = r.matchedWeight;
        statementCount = r.statementCount;
        const norm = lengthNorm(speakerQuery ? r.eligibleLen : seg.length(n), avgLen);
        for (let t = 0; t < r.tf.length; t++) {
          const f = r.tf[t]!;
          if (f) score += bm25(plan.termIdf[t]!, f, norm);
        }
        for (let k = 0; k < required.length; k++) {
          const held = r.literalCount[k]!;
          score += (held ? RANKING.literalClause : RANKING.topicClause) * plan.clauseIdf[k]!;
          if (held) score += bm25(plan.clauseIdf[k]! * RANKING.phraseFrequency, held, norm);
          if (!held && requiredRefs[k]! >= 0) {
            topicSentences++;
            leastTopic++;
          }
        }
        scannedCodes = statementCount ? r.speakerCodes.slice() : null;
      } else {
        score = G ? acc[n]! : 0;
        matchedGroups = G && matchedW[n]! > 0 ? 1 : 0;
        matchedWeight = G ? matchedW[n]! : 0;
        topicSentences = queryTopicSums ? queryTopicSums[n]! : 0;
        leastTopic = wordMentions ? wordMentions[n]! : queryTopicLeast ? queryTopicLeast[n]! : 0;
        statementCount = topics.length ? topicSum : matchedGroups || topicSentences ? 1 : 0;
        if (!parsed && !topics.length) statementCount = seg.sentenceCount(n);
      }
      if (parsed && G && !matchedGroups && !required.length && !topicSentences) continue;
      if (!parsed && topics.length && !statementCount) continue;
      if (parsed && !statementCount) continue;

      if (G) score *= (matchedWeight / plan.groupWeightTotal) ** plan.coordinationExponent;
      if (leastTopic) score += substance(leastTopic);
      // A readout below the k-th best so far cannot make the page (the bar only rises): it is
      // counted for the total and facets, not kept; its title is looked at only if that could change.
      const bar = hits.threshold;
      const topicBonus = topics.length ? topicSum * RANKING.requestedTopicSentence : 0;
      if (
        G &&
        titleIds.length &&
        score * RANKING.titleBoost + topicBonus + 0.001 >= bar &&
        seg.titleHasAny(n, titleIds)
      ) {
        let inTitle = plan.groupWeightTotal;
        if (G > 1) {
          inTitle = 0;
          for (let gi = 0; gi < G; gi++)
            if (groupTitleIds[gi]!.length && seg.titleHasAny(n, groupTitleIds[gi]!)) inTitle += plan.groupWeight[gi]!;
        }
        score *= titleBoostFor(inTitle / plan.groupWeightTotal);
      }
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
    // A request for no facet values (facetSize=0: a later page, a client that does not show them) counts none.
    if (plan.req.facetSize === 0) return;
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
      tallyAdd(facets.speakers, id, v);
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

  /**
   * Per readout, its sentences on the least covered of the query's topics, into `out` (zeroed): a
   * readout about "Iran" and "nuclear" has substance on both; one with forty sentences on nuclear
   * submarines and none on Iran has none. `scratch` hands out a zeroed array per extra topic.
   */
  private leastTopicSentences(refs: number[], out: Uint16Array, scratch: () => Uint16Array): Uint16Array {
    this.topicSentenceCounts([refs[0]!], out);
    // Only readouts on the first topic can cover them all: compare those, not the whole segment.
    const first = this.seg.topicSentences(refs[0]!).docs;
    for (let k = 1; k < refs.length; k++) {
      const one = this.topicSentenceCounts([refs[k]!], scratch());
      for (let j = 0; j < first.length; j++) {
        const n = first[j]!;
        if (out[n]! > one[n]!) out[n] = one[n]!;
      }
    }
    return out;
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

  /** Readouts in which every participant asked for takes part, as flags (built once per query). */
  private participantFilter: Uint8Array | null = null;
  private withParticipants(): Uint8Array {
    if (!this.participantFilter) {
      const names = [...new Set(this.plan.participants)];
      const count = new Uint8Array(this.seg.slots);
      for (const name of names) {
        const docs = this.seg.docsWithSpeaker(name);
        for (let j = 0; j < docs.length; j++) count[docs[j]!]!++;
      }
      for (let n = 0; n < count.length; n++) count[n] = count[n] === names.length ? 1 : 0;
      this.participantFilter = count;
    }
    return this.participantFilter;
  }

  /** Whether a publisher's name is the one asked for, worked out once per name (this runs per candidate). */
  private fromPublisher(name: string | null): boolean {
    let ok = this.publisherMatches.get(name);
    if (ok === undefined) this.publisherMatches.set(name, (ok = (name ?? '').toLowerCase() === this.plan.publisher));
    return ok;
  }
  private readonly publisherMatches = new Map<string | null, boolean>();

  private passesMetadata(n: number): boolean {
    const { seg, plan } = this;
    if (plan.from || plan.to) {
      const d = seg.dateKey(n);
      if (!d || (plan.from && d < plan.from) || (plan.to && d > plan.to)) return false;
    }
    if (plan.publisher && !this.fromPublisher(seg.publisher(n))) return false;
    if (plan.kinds && !plan.kinds.includes(seg.kind(n))) return false;
    if (plan.country && !seg.hasCountry(n, plan.country)) return false;
    if (this.topicRefs.length && !this.withTopics()[n]) return false;
    if (plan.participants.length && !this.withParticipants()[n]) return false;
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

  private oneTopic = new Uint8Array(64);
  /** The eligible sentences of readout n on its least covered substance topic (perTopicSubstance). */
  private substanceTopicCounts(n: number, S: number, at: number, eligible: Uint8Array): number {
    if (this.oneTopic.length < S) this.oneTopic = new Uint8Array(S * 2);
    let least = Number.POSITIVE_INFINITY;
    for (const m of this.substanceMasks) {
      const on = this.seg.markTopicSentences(n, m, this.oneTopic);
      let c = 0;
      for (let i = 0; i < S; i++) if (on[i] && eligible[at + i]) c++;
      if (c < least) least = c;
    }
    return least;
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
    let matchedWeight = 0;
    const { groupStart, groupTermIds, groupTermWeights } = plan;
    for (let gi = 0; gi + 1 < groupStart.length; gi++) {
      let hit = false;
      for (let q = groupStart[gi]!; q < groupStart[gi + 1]!; q++) {
        const t = groupTermIds[q]!;
        const w = groupTermWeights[q]!;
        const j = this.slot(t, n);
        if (j < 0) continue;
        const p = this.positionsOf(t)!;
        const x = plan.termIdf[t]!;
        let i = 0;
        for (let k = p.posStart[j]!; k < p.posStart[j + 1]!; k++) {
          i = this.sentenceOf(tab, p.pos[k]!, i);
          if (!eligible[at + i]) continue;
          // A quoted phrase's words count as the phrase (literalCount), not one by one.
          if (!plan.phraseGroup[gi]) tf[t] += w;
          hit = true;
          sentScore[i] += w * x;
        }
      }
      if (hit) {
        matchedGroups++;
        matchedWeight += plan.groupWeight[gi]!;
      }
    }
    let satisfied = true;
    for (let k = 0; k < plan.requiredTerms.length; k++) {
      const marks = this.literalMarks[k]!;
      marks.fill(0, 0, S);
      this.phraseIn(n, tab, plan.requiredTerms[k]!, marks);
      let held = 0;
      let ok = false;
      const onRef = this.hasTopicSentence(n, k)
        ? seg.markTopicSentences(n, this.requiredMasks[k]!, this.onRequiredTopic)
        : null;
      for (let i = 0; i < S; i++) {
        if (!eligible[at + i]) continue;
        if (marks[i]) {
          sentScore[i] += SENTENCE_WEIGHTS.literalClause * plan.clauseIdf[k]!;
          held++;
          ok = true;
        } else if (onRef && onRef[i]) {
          sentScore[i] += SENTENCE_WEIGHTS.topicClause * plan.clauseIdf[k]!;
          ok = true;
        }
      }
      out.literalCount[k] = held;
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
    // One count per query topic; the readout's substance is its least covered one (see leastTopicSentences).
    const perTopic =
      onQueryTopic && this.perTopicSubstance && this.substanceRefsAll
        ? this.substanceTopicCounts(n, S, at, eligible)
        : -1;
    const speakerCodes = out.speakerCodes;
    speakerCodes.length = 0;
    // A speaker's sentences, where the segment lists them: a speaker query visits only those.
    const own = speakerQuery ? this.speakerSentences : null;
    const kTo = own ? own.listStart[n + 1]! : S;
    for (let k = own ? own.listStart[n]! : 0; k < kTo; k++) {
      const i = own ? own.list[k]! : k;
      if (!own && !eligible[at + i]) continue;
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
    out.leastTopicSentences = !this.substanceRefsAll ? 0 : perTopic >= 0 ? perTopic : topicSentences;
    out.matchedGroups = matchedGroups;
    out.matchedWeight = matchedWeight;
    out.statementCount = statementCount;
    out.satisfied = satisfied;
    out.statements = statements;
    return out;
  }
}
