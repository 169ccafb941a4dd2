/**
 * The full-text index. flexsearch finds candidate readouts per term; our code does what flexsearch
 * cannot: BM25 scoring, phrases, exclusions, typo/prefix expansion, metadata filters, speaker-only
 * matching, facets and the sentence-level statements that summaries cite. Serialises to one
 * self-contained artifact (flexsearch export + documents + vocabulary).
 */
import { Index } from 'flexsearch';
import { docText, type SearchDoc } from './search-doc.ts';
import { tokenize, tokenizeWithOffsets } from './tokenize.ts';
import { parseQuery, type ParsedQuery, type QueryClause } from './query.ts';
import { editDistance, prefixRange } from './fuzzy.ts';
import { topicVocabulary } from '../readout/topics.ts';

/**
 * flexsearch options. They must be identical at export and import time (flexsearch does not store
 * them), hence one constant. `encode` hands flexsearch our own tokens, so the index and the
 * sentence matcher never disagree. `strict` without context: the smallest artifact (PITFALLS.md);
 * phrases are checked by our code on sentence tokens instead.
 */
const FLEX_OPTIONS = { tokenize: 'strict', encode: (s: string) => tokenize(s), resolution: 9, fastupdate: false } as const;

export const ARTIFACT_FORMAT = 'readout-search-index/2';

export interface IndexArtifact {
  format: typeof ARTIFACT_FORMAT;
  version: number;
  createdAt: string;
  nextNum: number;
  docs: Array<[number, SearchDoc]>;
  flex: Record<string, string>;
  /** term → number of readouts containing it (idf, typo and prefix expansion). */
  vocab: Record<string, number>;
  /** Mean readout length in terms (BM25 length normalisation), fixed per version. */
  avgLen: number;
}

export const DELTA_FORMAT = 'readout-search-delta/1';

/** What one publication changed, relative to the version before it. */
export interface IndexDelta { format: typeof DELTA_FORMAT; version: number; baseVersion: number; upserts: SearchDoc[]; removes: string[] }

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
  /** Statements per result. @default 8 */
  statementsPerResult?: number;
}

export interface Statement { sentenceIndex: number; score: number; highlights: Array<[number, number]> }
export interface Hit { doc: SearchDoc; score: number; statements: Statement[]; speakerIds: string[] }
export interface Facets { topics: Record<string, number>; speakers: Record<string, number>; publishers: Record<string, number>; years: Record<string, number>; kinds: Record<string, number> }
export interface SearchResult { total: number; hits: Hit[]; facets: Facets; expansions: Record<string, string[]> }

interface DocStats { sentTerms: string[][]; len: number; tf: Map<string, number>; topicCount: Map<string, number>; titleTerms: Set<string> }

const K1 = 1.2;
const B = 0.75;

export class ReadoutIndex {
  private flex = new Index(FLEX_OPTIONS as never);
  private readonly docs = new Map<number, SearchDoc>();
  private readonly numById = new Map<string, number>();
  private readonly vocab = new Map<string, number>();
  private readonly stats = new Map<number, DocStats>();
  private sortedVocab: string[] | null = null;
  private totalLen = 0;
  /** Set when loaded from an artifact: BM25 uses the same mean length whatever was computed since. */
  private fixedAvgLen: number | null = null;
  private nextNum = 1;
  version = 0;

  get size(): number { return this.docs.size; }
  has(id: string): boolean { return this.numById.has(id); }
  get(id: string): SearchDoc | undefined { const n = this.numById.get(id); return n === undefined ? undefined : this.docs.get(n); }
  all(): IterableIterator<SearchDoc> { return this.docs.values(); }

  /** Every term of a readout (title and sentences), from its statistics: one tokenization serves both. */
  private docTerms(n: number, doc: SearchDoc): Set<string> {
    const s = this.statsOf(n, doc);
    return new Set([...s.tf.keys(), ...s.titleTerms]);
  }

  private statsOf(n: number, doc: SearchDoc): DocStats {
    let s = this.stats.get(n);
    if (!s) {
      const sentTerms = doc.sentences.map((x) => tokenize(x.text));
      const tf = new Map<string, number>();
      for (const terms of sentTerms) for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      const topicCount = new Map<string, number>();
      for (const x of doc.sentences) for (const t of x.topics) topicCount.set(t, (topicCount.get(t) ?? 0) + 1);
      s = { sentTerms, len: sentTerms.reduce((a, t) => a + t.length, 0), tf, topicCount, titleTerms: new Set(tokenize(doc.title ?? '')) };
      this.stats.set(n, s);
      this.totalLen += s.len;
    }
    return s;
  }

  upsert(doc: SearchDoc): void {
    let n = this.numById.get(doc.id);
    if (n !== undefined) this.removeNum(n);
    else { n = this.nextNum++; this.numById.set(doc.id, n); }
    this.docs.set(n, doc);
    this.flex.add(n, docText(doc));
    this.fixedAvgLen = null;
    for (const t of this.docTerms(n, doc)) this.vocab.set(t, (this.vocab.get(t) ?? 0) + 1);
    this.sortedVocab = null;
  }

  private removeNum(n: number): void {
    const old = this.docs.get(n);
    if (!old) return;
    this.flex.remove(n);
    for (const t of this.docTerms(n, old)) {
      const c = (this.vocab.get(t) ?? 1) - 1;
      if (c <= 0) this.vocab.delete(t); else this.vocab.set(t, c);
    }
    const s = this.stats.get(n);
    if (s) { this.totalLen -= s.len; this.stats.delete(n); }
    this.docs.delete(n);
    this.sortedVocab = null;
  }

  remove(id: string): boolean {
    const n = this.numById.get(id);
    if (n === undefined) return false;
    this.removeNum(n);
    this.numById.delete(id);
    return true;
  }

  // ---------- query expansion ----------

  /** A clause's terms with the vocabulary terms they stand for (exact, prefix or near-miss). */
  private expand(clause: QueryClause): Map<string, number> {
    const out = new Map<string, number>();
    if (clause.terms.length > 1) { for (const t of clause.terms) out.set(t, 1); return out; }
    const t = clause.terms[0]!;
    if (this.vocab.has(t)) out.set(t, 1);
    this.sortedVocab ??= [...this.vocab.keys()].sort();
    if (clause.prefix || (!out.size && t.length >= 4)) {
      for (const p of prefixRange(this.sortedVocab, t, 30)) if (!out.has(p)) out.set(p, clause.prefix ? 1 : 0.8);
    }
    if (!out.size && t.length >= 4) {
      // Typo tolerance: the closest vocabulary terms (1 edit, 2 for long words), most frequent first.
      const max = t.length >= 8 ? 2 : 1;
      const near = this.sortedVocab.filter((v) => Math.abs(v.length - t.length) <= max && v[0] === t[0] && editDistance(v, t, max) <= max)
        .sort((a, b) => (this.vocab.get(b) ?? 0) - (this.vocab.get(a) ?? 0)).slice(0, 5);
      for (const v of near) out.set(v, 0.6);
    }
    return out;
  }

  // ---------- search ----------

  search(req: SearchRequest): SearchResult {
    const parsed: ParsedQuery | null = req.q?.trim() ? parseQuery(req.q) : null;
    const groups = (parsed?.groups ?? []).map((alts) => {
      const m = new Map<string, number>();
      for (const a of alts) for (const [t, w] of this.expand(a)) m.set(t, Math.max(w, m.get(t) ?? 0));
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
    // "DPRK" and "vaccination" are found; they score below literal matches.
    // A quoted phrase that names a vocabulary topic ("Minsk agreements") is also met by the topic's other
    // names ("Minsk Package of Measures"); literal matches still rank first.
    const requiredTopics = required.map((c) => topicVocabulary.resolve(c.raw));
    const queryTopics = parsed ? topicVocabulary.tag(req.q!.replace(/(^|\s)-("[^"]*"|\S+)/g, ' ')) : [];
    // Candidates: readouts holding any expanded term or required phrase term (flexsearch), else all.
    let candidates: Iterable<number>;
    const lookup = new Set<string>([...groups.flatMap((g) => [...g.keys()]), ...required.flatMap((r) => r.terms)]);
    const postings = (t: string) => this.flex.search(t, { limit: 1_000_000 }) as number[];
    const withTopic = (t: string) => { const out: number[] = []; for (const [n, d] of this.docs) if (d.topics.includes(t)) out.push(n); return out; };
    if (parsed && required.length && !groups.length) {
      // Only phrases: a readout must hold every word of each phrase (or the phrase's topic), so the
      // candidates are intersections, not the union of every word's readouts.
      const intersect = (a: Set<number> | null, b: Set<number>): Set<number> => (a ? new Set([...a].filter((n) => b.has(n))) : b);
      let set: Set<number> | null = null;
      for (const [k, c] of required.entries()) {
        let clause: Set<number> | null = null;
        for (const t of c.terms) clause = intersect(clause, new Set(postings(t)));
        const all: Set<number> = clause ?? new Set<number>();
        const topic = requiredTopics[k];
        if (topic) for (const n of withTopic(topic)) all.add(n);
        set = intersect(set, all);
      }
      candidates = set ?? new Set<number>();
    } else if (parsed && (groups.length || required.length)) {
      const set = new Set<number>();
      for (const t of lookup) for (const n of postings(t)) set.add(n);
      const topicCandidates = required.length ? requiredTopics.filter((t): t is string => !!t) : queryTopics;
      for (const t of topicCandidates) for (const n of withTopic(t)) set.add(n);
      candidates = set;
    } else candidates = this.docs.keys();

    const topics = req.topics ?? [];
    const speakerQuery = req.speaker?.trim().toLowerCase();
    const N = Math.max(1, this.docs.size);
    const avgLen = this.fixedAvgLen ?? Math.max(1, this.totalLen / Math.max(1, this.stats.size));
    const idf = (t: string) => { const df = this.vocab.get(t) ?? 0; return Math.log(1 + (N - df + 0.5) / (df + 0.5)); };

    // A match awaiting its sentence pass (done only for the results shown).
    type Scored = Hit & { eligible: (i: number) => boolean; pending: boolean };
    const hits: Scored[] = [];
    /** Sentence-level pass: statements, and term frequencies over the eligible sentences only. */
    const scan = (doc: SearchDoc, st: DocStats, eligible: (i: number) => boolean) => {
      const tf = new Map<string, number>();
      let eligibleLen = 0;
      let topicSentences = 0;
      const statements: Statement[] = [];
      const groupHit = new Array(groups.length).fill(false);
      for (let i = 0; i < doc.sentences.length; i++) {
        if (!eligible(i)) continue;
        const terms = st.sentTerms[i]!;
        const sTopics = doc.sentences[i]!.topics;
        eligibleLen += terms.length;
        let sentScore = 0;
        for (const t of terms) {
          for (let g = 0; g < groups.length; g++) {
            const w = groups[g]!.get(t);
            if (w !== undefined) { tf.set(t, (tf.get(t) ?? 0) + w); groupHit[g] = true; sentScore += w * idf(t); }
          }
        }
        required.forEach((r, k) => {
          if (containsClause(terms, r)) sentScore += 2 * r.terms.reduce((a, t) => a + idf(t), 0);
          else if (requiredTopics[k] && sTopics.includes(requiredTopics[k]!)) sentScore += 0.5 * r.terms.reduce((a, t) => a + idf(t), 0);
        });
        if (topics.length && topics.some((tp) => sTopics.includes(tp))) sentScore += 1;
        if (queryTopics.length && queryTopics.some((tp) => sTopics.includes(tp))) { sentScore += 0.5; topicSentences++; }
        if (sentScore > 0 || (!parsed && !topics.length && speakerQuery)) statements.push({ sentenceIndex: i, score: sentScore, highlights: [] });
      }
      return { tf, eligibleLen, topicSentences, statements, matchedGroups: groupHit.filter(Boolean).length };
    };
    const everyone = () => true;

    for (const n of candidates) {
      const doc = this.docs.get(n);
      if (!doc || !passesMetadata(doc, req, topics)) continue;
      const speakerIds = speakerQuery ? matchSpeaker(doc, speakerQuery) : [];
      if (speakerQuery && !speakerIds.length) continue;
      const st = this.statsOf(n, doc);
      // Only the speaker's own statements count when a speaker is asked for; joint statements
      // ("the two leaders agreed") are the speaker's too.
      const eligible = speakerQuery ? (i: number) => speakerIds.includes(String(doc.sentences[i]!.speaker)) || doc.sentences[i]!.speaker === 'joint' : everyone;
      if (excluded.some((c) => (c.terms.length === 1 ? st.tf.has(c.terms[0]!) : doc.sentences.some((_, i) => containsClause(st.sentTerms[i]!, c))))) continue;
      if (!required.every((c, k) => c.terms.every((t) => st.tf.has(t)) || (requiredTopics[k] && st.topicCount.has(requiredTopics[k]!)))) continue;
      if (!required.every((c, k) => doc.sentences.some((_, i) => eligible(i) && satisfies(st.sentTerms[i]!, doc.sentences[i]!.topics, c, requiredTopics[k]!)))) continue;

      // Without a speaker filter the whole readout counts: score from precomputed frequencies and
      // leave the sentence pass to the results actually shown.
      let tf: Map<string, number>;
      let len: number;
      let topicSentences: number;
      let matchedGroups: number;
      let statements: Statement[] | null = null;
      let statementCount: number;
      if (speakerQuery || required.length) {
        const r = scan(doc, st, eligible);
        ({ tf, topicSentences, matchedGroups, statements } = r);
        len = speakerQuery ? r.eligibleLen : st.len;
        statementCount = statements.length;
      } else {
        tf = new Map();
        let matched = 0;
        for (const g of groups) {
          let any = false;
          for (const [t, w] of g) { const f = st.tf.get(t); if (f) { tf.set(t, Math.max(tf.get(t) ?? 0, f * w)); any = true; } }
          if (any) matched++;
        }
        matchedGroups = matched;
        topicSentences = queryTopics.reduce((a, t) => a + (st.topicCount.get(t) ?? 0), 0);
        len = st.len;
        statementCount = topics.length ? topics.reduce((a, t) => a + (st.topicCount.get(t) ?? 0), 0) : tf.size || topicSentences ? 1 : 0;
        if (!parsed && !topics.length) statementCount = doc.sentences.length;
      }
      if (parsed && groups.length && !matchedGroups && !required.length && !topicSentences) continue;
      if (!parsed && topics.length && !statementCount) continue;
      if (parsed && !statementCount) continue;

      let score = 0;
      const lenNorm = K1 * (1 - B + B * (len / avgLen));
      for (const [t, f] of tf) score += idf(t) * ((f * (K1 + 1)) / (f + lenNorm));
      required.forEach((r, k) => {
        const literal = doc.sentences.some((_, i) => eligible(i) && containsClause(st.sentTerms[i]!, r));
        score += (literal ? 2 : 0.75) * r.terms.reduce((a, t) => a + idf(t), 0);
        if (!literal && requiredTopics[k]) topicSentences++;
      });
      if (groups.length) score *= (matchedGroups / groups.length) ** 2;
      // Sentences on the topics the query names: a small, saturating bonus (found via vocabulary, not words).
      if (topicSentences) score += Math.min(3, topicSentences) * 0.4;
      if (doc.title && groups.length && groups.some((g) => [...g.keys()].some((t) => st.titleTerms.has(t)))) score *= 1.3;
      if (topics.length) score += topics.reduce((a, t) => a + (st.topicCount.get(t) ?? 0), 0) * 0.1;
      if (!parsed) score = statementCount;
      hits.push({ doc, score: Math.round(score * 1000) / 1000, statements: statements ?? [], speakerIds, pending: statements === null, eligible });
    }

    const dateOf = (d: SearchDoc) => d.eventDate ?? d.publishedDate ?? '';
    if (req.sort === 'date' || (!parsed && req.sort !== 'relevance')) hits.sort((a, b) => dateOf(b.doc).localeCompare(dateOf(a.doc)) || b.score - a.score);
    else hits.sort((a, b) => b.score - a.score || dateOf(b.doc).localeCompare(dateOf(a.doc)));

    const facets = facetsOf(hits);
    const offset = req.offset ?? 0;
    const highlightTerms = new Set([...groups.flatMap((g) => [...g.keys()]), ...required.flatMap((r) => r.terms)]);
    const perResult = req.statementsPerResult ?? 12;
    const page: Hit[] = hits.slice(offset, offset + (req.limit ?? 10)).map(({ doc, score, statements, speakerIds, pending, eligible }) => {
      const all = pending ? scan(doc, this.statsOf(this.numById.get(doc.id)!, doc), eligible).statements : statements;
      const shown = all.sort((a, b) => b.score - a.score || a.sentenceIndex - b.sentenceIndex).slice(0, perResult).sort((a, b) => a.sentenceIndex - b.sentenceIndex);
      for (const st of shown) st.highlights = highlightsIn(doc, st.sentenceIndex, highlightTerms);
      return { doc, score, statements: shown, speakerIds };
    });
    return { total: hits.length, hits: page, facets, expansions };
  }

  // ---------- serialisation ----------

  /** Applies a delta segment: removals, then upserts. Synchronous, so readers never see it half-applied. */
  applyDelta(delta: IndexDelta): void {
    // The base's mean length stays the BM25 norm: small deltas barely move it, and ranking then
    // does not depend on which readouts happened to be scored before.
    const avg = this.fixedAvgLen;
    for (const id of delta.removes) this.remove(id);
    for (const doc of delta.upserts) this.upsert(doc);
    this.fixedAvgLen = avg;
    this.version = delta.version;
  }

  toArtifact(version: number): IndexArtifact {
    const flex: Record<string, string> = {};
    // A synchronous callback makes export run in one go (see PITFALLS.md).
    this.flex.export((key: string, data: string) => { flex[key] = data; });
    let total = 0;
    for (const [n, doc] of this.docs) total += this.statsOf(n, doc).len;
    return {
      format: ARTIFACT_FORMAT, version, createdAt: new Date().toISOString(), nextNum: this.nextNum,
      docs: [...this.docs.entries()], flex, vocab: Object.fromEntries(this.vocab), avgLen: total / Math.max(1, this.docs.size),
    };
  }

  static fromArtifact(a: IndexArtifact): ReadoutIndex {
    if (a.format !== ARTIFACT_FORMAT) throw new Error(`unsupported index artifact format ${String(a.format)}`);
    const idx = new ReadoutIndex();
    for (const [key, data] of Object.entries(a.flex)) idx.flex.import(key, data);
    // Per-readout term statistics are computed on first use, not at load: cold start stays short.
    for (const [n, doc] of a.docs) { idx.docs.set(n, doc); idx.numById.set(doc.id, n); }
    for (const [t, c] of Object.entries(a.vocab)) idx.vocab.set(t, c);
    idx.nextNum = a.nextNum;
    idx.version = a.version;
    idx.fixedAvgLen = a.avgLen || null;
    return idx;
  }
}

function passesMetadata(doc: SearchDoc, f: SearchFilters, topics: string[]): boolean {
  const date = doc.eventDate ?? doc.publishedDate;
  if (f.from && (!date || date < f.from)) return false;
  if (f.to && (!date || date > f.to)) return false;
  if (f.publisher && (doc.publisher ?? '').toLowerCase() !== f.publisher.toLowerCase()) return false;
  if (f.kind && doc.kind !== f.kind) return false;
  if (f.country) {
    const c = f.country.toLowerCase();
    if (!doc.participants.some((p) => (p.country ?? '').toLowerCase() === c) && !doc.topics.includes(c.replace(/[^a-z0-9]+/g, '-'))) return false;
  }
  for (const t of topics) if (!doc.topics.includes(t)) return false;
  return true;
}

/** "putin", "Putin", "Vladimir Putin" → the ids of the readout's participants it names. */
export function matchSpeaker(doc: SearchDoc, query: string): string[] {
  const q = query.toLowerCase().split(/[\s-]+/).filter(Boolean);
  return doc.participants.filter((p) => {
    if (p.id === query) return true;
    const words = new Set([...p.name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/[\s,.-]+/), ...p.id.split('-')]);
    return q.every((w) => words.has(w.normalize('NFD').replace(/[\u0300-\u036f]/g, '')));
  }).map((p) => p.id);
}

function satisfies(terms: string[], topics: string[], c: QueryClause, topic: string | null): boolean {
  return containsClause(terms, c) || (!!topic && topics.includes(topic));
}

function containsClause(terms: string[], c: QueryClause): boolean {
  if (c.terms.length === 1) return terms.includes(c.terms[0]!);
  outer: for (let i = 0; i + c.terms.length <= terms.length; i++) {
    for (let k = 0; k < c.terms.length; k++) if (terms[i + k] !== c.terms[k]) continue outer;
    return true;
  }
  return false;
}

function highlightsIn(doc: SearchDoc, i: number, terms: Set<string>): Array<[number, number]> {
  const s = doc.sentences[i]!;
  const out: Array<[number, number]> = [];
  for (const t of tokenizeWithOffsets(s.text)) if (terms.has(t.term)) out.push([s.start + t.start, s.start + t.end]);
  return out.filter((h, k) => k === 0 || h[0] !== out[k - 1]![0]);
}

function facetsOf(hits: Hit[]): Facets {
  const f: Facets = { topics: {}, speakers: {}, publishers: {}, years: {}, kinds: {} };
  const inc = (m: Record<string, number>, k: string | null | undefined) => { if (k) m[k] = (m[k] ?? 0) + 1; };
  for (const h of hits) {
    for (const t of h.doc.topics) inc(f.topics, t); // a readout's topics are distinct already
    // Speakers: who made the matching statements when known, else the readout's participants.
    if (h.statements.length) {
      const speakers = new Set<string>();
      for (const s of h.statements) { const sp = h.doc.sentences[s.sentenceIndex]!.speaker; if (sp && sp !== 'joint') speakers.add(sp); }
      for (const sp of speakers) inc(f.speakers, sp);
    } else for (const p of h.doc.participants) inc(f.speakers, p.id);
    inc(f.publishers, h.doc.publisher);
    inc(f.years, (h.doc.eventDate ?? h.doc.publishedDate)?.slice(0, 4));
    inc(f.kinds, h.doc.kind);
  }
  return f;
}
