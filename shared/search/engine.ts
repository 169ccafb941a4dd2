/**
 * Ranked search over index segments. BM25 over sentence terms, phrases, exclusions, typo/prefix
 * expansion, metadata filters, speaker-only matching, facets, and the sentence-level statements
 * that summaries cite. Scoring is term-at-a-time over postings into per-segment accumulators; the
 * sentence pass (positions, no text) runs only where a speaker or phrase needs it and for the
 * results shown; only those results' readouts are decoded.
 */
import { topicVocabulary } from '../readout/topics.ts';
import { editDistance, prefixRange } from './fuzzy.ts';
import { parseQuery, type ParsedQuery, type QueryClause } from './query.ts';
import type { SearchDoc } from './search-doc.ts';
import { dateKey, type FacetCounts, type Segment } from './segment.ts';
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

export interface Statement { sentenceIndex: number; score: number; highlights: Array<[number, number]> }
export interface Hit { doc: SearchDoc; score: number; statements: Statement[]; speakerIds: string[] }
export type Facets = FacetCounts;
export interface SearchResult { total: number; hits: Hit[]; facets: Facets; expansions: Record<string, string[]> }

const K1 = 1.2;
const B = 0.75;

/** What the sentence pass found in one readout. */
interface Scan { tf: Map<string, number>; eligibleLen: number; topicSentences: number; statements: Statement[]; matchedGroups: number; literal: boolean[]; satisfied: boolean }

export interface EngineOptions {
  /** Mean readout length for BM25, fixed per base version so ranking does not drift with deltas. */
  avgLen?: number;
}

export function searchSegments(segments: Segment[], req: SearchRequest, options: EngineOptions = {}): SearchResult {
  const parsed: ParsedQuery | null = req.q?.trim() ? parseQuery(req.q) : null;
  const df = (t: string) => { let c = 0; for (const s of segments) c += s.df(t); return c; };
  const groups = (parsed?.groups ?? []).map((alts) => {
    const m = new Map<string, number>();
    for (const a of alts) for (const [t, w] of expand(segments, df, a)) m.set(t, Math.max(w, m.get(t) ?? 0));
    return m;
  });
  const required = parsed?.required ?? [];
  const excluded = parsed?.excluded ?? [];
  const expansions: Record<string, string[]> = {};
  (parsed?.groups ?? []).forEach((alts, i) => {
    for (const a of alts) {
      const found = [...groups[i]!.keys()];
      if (a.terms.length === 1 && !(found.length === 1 && found[0] === a.terms[0])) expansions[a.raw] = found;
    }
  });

  // Topics the query names ("North Korea", "vaccines"): sentences tagged with them match too, so
  // "DPRK" and "vaccination" are found; they score below literal matches. A quoted phrase that names
  // a vocabulary topic ("Minsk agreements") is also met by the topic's other names.
  const requiredTopics = required.map((c) => topicVocabulary.resolve(c.raw));
  const queryTopics = parsed ? topicVocabulary.tag(req.q!.replace(/(^|\s)-("[^"]*"|\S+)/g, ' ')) : [];
  const topics = req.topics ?? [];
  const speakerQuery = req.speaker?.trim().toLowerCase();
  const from = req.from ? dateKey(req.from) : 0;
  const to = req.to ? dateKey(req.to) : 0;
  const country = req.country?.toLowerCase();
  const publisher = req.publisher?.toLowerCase();

  let N = 0; let lenTotal = 0;
  for (const s of segments) { const t = s.lengthTotals(); N += t.docs; lenTotal += t.total; }
  N = Math.max(1, N);
  const avgLen = options.avgLen || Math.max(1, lenTotal / N);
  const idfCache = new Map<string, number>();
  const idf = (t: string) => { let v = idfCache.get(t); if (v === undefined) { const d = df(t); v = Math.log(1 + (N - d + 0.5) / (d + 0.5)); idfCache.set(t, v); } return v; };
  const clauseIdf = required.map((r) => r.terms.reduce((a, t) => a + idf(t), 0));
  // A term in several groups counts once, with its best weight.
  const termWeight = new Map<string, number>();
  for (const g of groups) for (const [t, w] of g) termWeight.set(t, Math.max(w, termWeight.get(t) ?? 0));
  const lookup = new Set<string>([...termWeight.keys(), ...required.flatMap((r) => r.terms)]);

  const hitSeg: number[] = []; const hitN: number[] = []; const hitScore: number[] = []; const hitDate: number[] = [];
  const scanned = new Map<number, { statements: Statement[]; speakerIds: readonly string[] }>();
  const facets: Facets = { topics: {}, speakers: {}, publishers: {}, years: {}, kinds: {} };

  segments.forEach((seg, si) => {
    const topicRefs = topics.map((t) => seg.topicRef(t));
    if (topicRefs.some((r) => r < 0)) return; // no readout here carries every topic asked for
    const requiredRefs = requiredTopics.map((t) => (t ? seg.topicRef(t) : -1));
    const queryRefs = queryTopics.map((t) => seg.topicRef(t)).filter((r) => r >= 0);
    const slots = seg.slots;

    // ---- candidates, and BM25 over whole readouts for the fast path ----
    const acc = new Float64Array(slots);
    const matched = new Uint16Array(slots);
    const mark = new Uint8Array(slots);
    const cand: number[] = [];
    const add = (n: number) => { if (!mark[n]) { mark[n] = 1; cand.push(n); } };
    const postingsOf = new Map<string, ReturnType<Segment['postings']>>();
    const postings = (t: string) => { if (!postingsOf.has(t)) postingsOf.set(t, seg.postings(t)); return postingsOf.get(t)!; };
    const lenNorm = (n: number, len = seg.length(n)) => K1 * (1 - B + B * (len / avgLen));

    if (parsed && required.length && !groups.length) {
      // Only phrases: a readout must hold every word of each phrase (or the phrase's topic).
      let set: Set<number> | null = null;
      required.forEach((c, k) => {
        let clause: Set<number> | null = null;
        for (const t of c.terms) { const p = postings(t); const s = new Set<number>(); if (p) for (let j = 0; j < p.docs.length; j++) if (!clause || clause.has(p.docs[j]!)) s.add(p.docs[j]!); clause = s; }
        const all = clause ?? new Set<number>();
        if (requiredRefs[k]! >= 0) { const d = seg.docsWithTopic(requiredRefs[k]!); for (let j = 0; j < d.length; j++) all.add(d[j]!); }
        set = set ? new Set([...set].filter((n) => all.has(n))) : all;
      });
      for (const n of [...(set ?? [])].sort((a, b) => a - b)) add(n);
    } else if (parsed && (groups.length || required.length)) {
      for (const t of lookup) { const p = postings(t); if (p) for (let j = 0; j < p.docs.length; j++) add(p.docs[j]!); }
      const topicCands = required.length ? requiredRefs.filter((r) => r >= 0) : queryRefs;
      for (const r of topicCands) { const d = seg.docsWithTopic(r); for (let j = 0; j < d.length; j++) add(d[j]!); }
    } else if (topics.length) { const d = seg.docsWithTopic(topicRefs[0]!); for (let j = 0; j < d.length; j++) add(d[j]!); }
    else if (speakerQuery) { const d = seg.docsWithSpeaker(speakerQuery); for (let j = 0; j < d.length; j++) add(d[j]!); }
    else for (let n = 0; n < slots; n++) add(n);

    const slow = !!speakerQuery || required.length > 0;
    if (!slow && groups.length) {
      for (const [t, w] of termWeight) {
        const p = postings(t);
        if (!p) continue;
        const x = idf(t);
        for (let j = 0; j < p.docs.length; j++) { const n = p.docs[j]!; const f = p.tfs[j]! * w; acc[n] += x * ((f * (K1 + 1)) / (f + lenNorm(n))); }
      }
      const stamp = new Int32Array(slots);
      groups.forEach((g, gi) => {
        for (const t of g.keys()) { const p = postings(t); if (p) for (let j = 0; j < p.docs.length; j++) { const n = p.docs[j]!; if (stamp[n] !== gi + 1) { stamp[n] = gi + 1; matched[n]++; } } }
      });
    }

    // ---- exclusions ----
    const excludedDocs = new Uint8Array(excluded.length ? slots : 0);
    for (const c of excluded) {
      const p = postings(c.terms[0]!);
      if (!p) continue;
      for (let j = 0; j < p.docs.length; j++) {
        const n = p.docs[j]!;
        if (c.terms.length === 1 || phraseSentences(seg, n, c.terms).size) excludedDocs[n] = 1;
      }
    }

    const hasTerm = (t: string, n: number) => seg.positions(t, n).length > 0;
    const stmtSpeakers = new Map<number, string[]>();
    const segHits: number[] = [];

    for (const n of cand) {
      if (!seg.isLive(n)) continue;
      if (from || to) { const d = seg.dateKey(n); if (!d || (from && d < from) || (to && d > to)) continue; }
      if (publisher && (seg.publisher(n) ?? '').toLowerCase() !== publisher) continue;
      if (req.kind && seg.kind(n) !== req.kind) continue;
      if (country && !seg.hasCountry(n, country)) continue;
      if (topicRefs.some((r) => !seg.hasTopic(n, r))) continue;
      const speakerIds = speakerQuery ? seg.speakerIds(n, speakerQuery) : NONE;
      if (speakerQuery && !speakerIds.length) continue;
      if (excluded.length && excludedDocs[n]) continue;
      if (!required.every((c, k) => c.terms.every((t) => hasTerm(t, n)) || seg.topicCount(n, requiredRefs[k]!) > 0)) continue;

      let score = 0;
      let topicSentences: number;
      let matchedGroups: number;
      let statementCount: number;
      let statements: Statement[] | null = null;
      const topicSum = topicRefs.reduce((a, r) => a + seg.topicCount(n, r), 0);
      if (slow) {
        const r = scan(seg, n, speakerIds);
        if (!r.satisfied) continue;
        ({ topicSentences, matchedGroups, statements } = r);
        statementCount = statements.length;
        const ln = lenNorm(n, speakerQuery ? r.eligibleLen : seg.length(n));
        for (const [t, f] of r.tf) score += idf(t) * ((f * (K1 + 1)) / (f + ln));
        required.forEach((_, k) => {
          score += (r.literal[k] ? 2 : 0.75) * clauseIdf[k]!;
          if (!r.literal[k] && requiredRefs[k]! >= 0) topicSentences++;
        });
      } else {
        score = acc[n]!;
        matchedGroups = matched[n]!;
        topicSentences = queryRefs.reduce((a, r) => a + seg.topicCount(n, r), 0);
        statementCount = topics.length ? topicSum : matchedGroups || topicSentences ? 1 : 0;
        if (!parsed && !topics.length) statementCount = seg.sentenceCount(n);
      }
      if (parsed && groups.length && !matchedGroups && !required.length && !topicSentences) continue;
      if (!parsed && topics.length && !statementCount) continue;
      if (parsed && !statementCount) continue;

      if (groups.length) score *= (matchedGroups / groups.length) ** 2;
      if (topicSentences) score += Math.min(3, topicSentences) * 0.4;
      if (groups.length && groups.some((g) => [...g.keys()].some((t) => seg.titleHas(n, t)))) score *= 1.3;
      if (topics.length) score += topicSum * 0.1;
      if (!parsed) score = statementCount;

      const h = hitN.length;
      hitSeg.push(si); hitN.push(n); hitScore.push(Math.round(score * 1000) / 1000); hitDate.push(seg.dateKey(n));
      segHits.push(n);
      if (statements) {
        scanned.set(h, { statements, speakerIds });
        if (statements.length) {
          const who = new Set<string>();
          for (const s of statements) { const sp = seg.speaker(n, s.sentenceIndex); if (sp && sp !== 'joint') who.add(sp); }
          stmtSpeakers.set(n, [...who]);
        }
      }
    }
    seg.addFacets(segHits, segHits.length, stmtSpeakers, facets);
  });

  // ---- the page: top offset+limit without sorting every hit ----
  const byDate = req.sort === 'date' || (!parsed && req.sort !== 'relevance');
  const cmp = (a: number, b: number) => (byDate ? hitDate[b]! - hitDate[a]! || hitScore[b]! - hitScore[a]! : hitScore[b]! - hitScore[a]! || hitDate[b]! - hitDate[a]!) || a - b;
  const offset = req.offset ?? 0;
  const limit = req.limit ?? 10;
  const top = topK(hitN.length, offset + limit, cmp).slice(offset);

  const highlightTerms = new Set([...lookup]);
  const perResult = req.statementsPerResult ?? 12;
  const hits: Hit[] = top.map((h) => {
    const seg = segments[hitSeg[h]!]!;
    const n = hitN[h]!;
    const known = scanned.get(h);
    const all = known ? known.statements : scan(seg, n, NONE).statements;
    const doc = seg.doc(n);
    const shown = all.sort((a, b) => b.score - a.score || a.sentenceIndex - b.sentenceIndex).slice(0, perResult).sort((a, b) => a.sentenceIndex - b.sentenceIndex);
    for (const st of shown) st.highlights = highlightsIn(doc, st.sentenceIndex, highlightTerms);
    return { doc, score: hitScore[h]!, statements: shown, speakerIds: [...(known?.speakerIds ?? NONE)] };
  });
  return { total: hitN.length, hits, facets, expansions };

  /** The sentence pass over readout n: which sentences match, and term frequencies over the eligible ones. */
  function scan(seg: Segment, n: number, speakerIds: readonly string[]): Scan {
    const S = seg.sentenceCount(n);
    const starts = new Uint32Array(S + 1);
    for (let i = 0; i <= S; i++) starts[i] = seg.sentenceStart(n, i);
    // Only the speaker's own statements count when a speaker is asked for; joint statements
    // ("the two leaders agreed") are the speaker's too.
    const eligible = new Uint8Array(S);
    let eligibleLen = 0;
    for (let i = 0; i < S; i++) {
      const sp = seg.speaker(n, i);
      if (!speakerQuery || sp === 'joint' || (sp !== null && speakerIds.includes(sp))) { eligible[i] = 1; eligibleLen += starts[i + 1]! - starts[i]!; }
    }
    const sentScore = new Float64Array(S);
    const tf = new Map<string, number>();
    let matchedGroups = 0;
    groups.forEach((g) => {
      let hit = false;
      for (const [t, w] of g) {
        const pos = seg.positions(t, n);
        if (!pos.length) continue;
        const x = idf(t);
        let i = 0;
        for (let j = 0; j < pos.length; j++) {
          while (starts[i + 1]! <= pos[j]!) i++;
          if (!eligible[i]) continue;
          tf.set(t, (tf.get(t) ?? 0) + w); hit = true; sentScore[i] += w * x;
        }
      }
      if (hit) matchedGroups++;
    });
    const literal: boolean[] = [];
    let satisfied = true;
    required.forEach((r, k) => {
      const inside = phraseSentences(seg, n, r.terms, starts);
      let lit = false; let ok = false;
      for (let i = 0; i < S; i++) {
        if (!eligible[i]) continue;
        if (inside.has(i)) { sentScore[i] += 2 * clauseIdf[k]!; lit = ok = true; }
        else if (requiredTopics[k] && seg.sentenceHasTopic(n, i, seg.topicRef(requiredTopics[k]!))) { sentScore[i] += 0.5 * clauseIdf[k]!; ok = true; }
      }
      literal.push(lit);
      if (!ok) satisfied = false;
    });
    const topicRefs = topics.map((t) => seg.topicRef(t));
    const queryRefs = queryTopics.map((t) => seg.topicRef(t)).filter((x) => x >= 0);
    let topicSentences = 0;
    const statements: Statement[] = [];
    for (let i = 0; i < S; i++) {
      if (!eligible[i]) continue;
      if (topicRefs.length && topicRefs.some((ref) => seg.sentenceHasTopic(n, i, ref))) sentScore[i] += 1;
      if (queryRefs.length && queryRefs.some((ref) => seg.sentenceHasTopic(n, i, ref))) { sentScore[i] += 0.5; topicSentences++; }
      if (sentScore[i]! > 0 || (!parsed && !topics.length && speakerQuery)) statements.push({ sentenceIndex: i, score: sentScore[i]!, highlights: [] });
    }
    return { tf, eligibleLen, topicSentences, statements, matchedGroups, literal, satisfied };
  }
}

const NONE: readonly string[] = [];

/** Sentences of readout n holding the terms as a phrase (adjacent, in order, within one sentence). */
function phraseSentences(seg: Segment, n: number, terms: string[], starts?: Uint32Array): Set<number> {
  const out = new Set<number>();
  const S = seg.sentenceCount(n);
  if (!starts) { starts = new Uint32Array(S + 1); for (let i = 0; i <= S; i++) starts[i] = seg.sentenceStart(n, i); }
  const lists = terms.map((t) => seg.positions(t, n));
  if (lists.some((l) => !l.length)) return out;
  const rest = lists.slice(1).map((l) => new Set(Array.from(l)));
  let i = 0;
  const first = lists[0]!;
  for (let j = 0; j < first.length; j++) {
    const p = first[j]!;
    while (starts[i + 1]! <= p) i++;
    if (p + terms.length > starts[i + 1]!) continue; // would run into the next sentence
    if (rest.every((s, k) => s.has(p + k + 1))) out.add(i);
  }
  return out;
}

/** A clause's terms with the vocabulary terms they stand for (exact, prefix or near-miss). */
function expand(segments: Segment[], df: (t: string) => number, clause: QueryClause): Map<string, number> {
  const out = new Map<string, number>();
  if (clause.terms.length > 1) { for (const t of clause.terms) out.set(t, 1); return out; }
  const t = clause.terms[0]!;
  if (df(t) > 0) out.set(t, 1);
  if (clause.prefix || (!out.size && t.length >= 4)) {
    const all = [...new Set(segments.flatMap((s) => prefixRange(s.sortedTerms() as string[], t, 30)))].sort().slice(0, 30);
    for (const p of all) if (!out.has(p)) out.set(p, clause.prefix ? 1 : 0.8);
  }
  if (!out.size && t.length >= 4) {
    // Typo tolerance: the closest vocabulary terms (1 edit, 2 for long words), most frequent first.
    const max = t.length >= 8 ? 2 : 1;
    const near = new Set<string>();
    for (const s of segments) {
      const terms = s.sortedTerms() as string[];
      // Same first letter: one contiguous range of the sorted vocabulary.
      for (const v of prefixRange(terms, t[0]!, Infinity)) if (Math.abs(v.length - t.length) <= max && editDistance(v, t, max) <= max) near.add(v);
    }
    for (const v of [...near].sort().sort((a, b) => df(b) - df(a)).slice(0, 5)) out.set(v, 0.6);
  }
  return out;
}

/** Indices 0..count-1 of the best k under cmp, in order; a bounded insertion keeps it O(count·log k). */
function topK(count: number, k: number, cmp: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  if (count <= k * 4 || k > 2000) return Array.from({ length: count }, (_, i) => i).sort(cmp).slice(0, k);
  const top: number[] = [];
  for (let h = 0; h < count; h++) {
    if (top.length === k && cmp(h, top[k - 1]!) >= 0) continue;
    let lo = 0; let hi = top.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cmp(top[mid]!, h) <= 0) lo = mid + 1; else hi = mid; }
    top.splice(lo, 0, h);
    if (top.length > k) top.pop();
  }
  return top;
}

function highlightsIn(doc: SearchDoc, i: number, terms: Set<string>): Array<[number, number]> {
  const s = doc.sentences[i]!;
  const out: Array<[number, number]> = [];
  for (const t of tokenizeWithOffsets(s.text)) if (terms.has(t.term)) out.push([s.start + t.start, s.start + t.end]);
  return out.filter((h, k) => k === 0 || h[0] !== out[k - 1]![0]);
}
