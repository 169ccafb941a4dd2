/**
 * The mutable part of the index: readouts published since the base (delta segments), or the whole
 * index while it is being built. flexsearch finds the readouts holding a term; per-readout
 * statistics (term positions, sentence starts, topic counts) are computed when a readout is added.
 * Small by design: compaction folds it into a new CompactSegment.
 */
import { Index } from 'flexsearch';
import { type FacetTally, tallyAdd } from './facets.ts';
import { docText, type SearchDoc } from './search-doc.ts';
import {
  participantMatches,
  dateKey,
  type PositionalPostings,
  type Postings,
  type Segment,
  type SentenceTable,
} from './segment.ts';
import { lengthNorm } from './ranking.ts';
import { tokenize } from './tokenize.ts';

/**
 * flexsearch options. `strict` tokenization without context: the smallest index and the fastest
 * adds (PITFALLS.md: `forward` is 4× bigger and slower at 100k); phrases come from our positions.
 * `encode` hands flexsearch our own tokens, so it finds exactly what the engine scores.
 * `fastupdate` makes removal cheap, which a segment that takes replacements needs; its memory cost
 * stays bounded because the live segment only holds the readouts published since the last
 * compaction. Nothing goes in flexsearch's `store`: the records live here (an exported store hits
 * V8's string limit). The published base is not flexsearch at all: see compact-segment.ts.
 */
const FLEX_OPTIONS = {
  tokenize: 'strict',
  encode: (s: string) => tokenize(s),
  resolution: 9,
  fastupdate: true,
} as const;

interface LiveStats {
  speakers: number[];
  len: number;
  tf: Map<string, number>;
  positions: Map<string, number[]>;
  starts: number[];
  title: Set<number>;
  terms: Set<string>;
  topicCount: Map<string, number>;
  topics: Set<string>;
}

export class LiveSegment implements Segment {
  private readonly flex = new Index(FLEX_OPTIONS as never);
  private readonly docs: Array<SearchDoc | undefined> = [];
  private readonly stats: Array<LiveStats | undefined> = [];
  private readonly numById = new Map<string, number>();
  private readonly vocab = new Map<string, number>();
  private readonly topicNames: string[] = [];
  private readonly topicIds = new Map<string, number>();
  private readonly speakerCodes = new Map<string, number>();
  private readonly speakerNames: string[] = [];
  private sorted: string[] | null = null;
  /** Title terms get ids once: a query's handles then stay valid whatever else is asked. */
  private readonly titleTerms = new Map<string, number>();
  private lengthTotal = 0;
  private count = 0;

  get slots(): number {
    return this.docs.length;
  }
  get liveCount(): number {
    return this.count;
  }
  isLive(n: number): boolean {
    return this.docs[n] !== undefined;
  }
  lookup(id: string): number | undefined {
    return this.numById.get(id);
  }
  id(n: number): string {
    return this.docs[n]!.id;
  }
  doc(n: number): SearchDoc {
    return this.docs[n]!;
  }
  *all(): IterableIterator<SearchDoc> {
    for (const d of this.docs) if (d) yield d;
  }

  upsert(doc: SearchDoc): void {
    this.remove(doc.id);
    const n = this.docs.length;
    const positions = new Map<string, number[]>();
    const tf = new Map<string, number>();
    const starts: number[] = [];
    const topicCount = new Map<string, number>();
    let pos = 0;
    for (const s of doc.sentences) {
      starts.push(pos);
      for (const t of tokenize(s.text)) {
        let l = positions.get(t);
        if (!l) positions.set(t, (l = []));
        l.push(pos++);
      }
      for (const t of s.topics) topicCount.set(t, (topicCount.get(t) ?? 0) + 1);
    }
    for (const [t, l] of positions) tf.set(t, l.length);
    const speakers = doc.sentences.map((s) =>
      s.speaker === null ? 0 : s.speaker === 'joint' ? 1 : this.code(s.speaker),
    );
    const titleWords = tokenize(doc.title ?? '');
    // `terms`: what the readout counts in for document frequencies (sentences and title).
    const st: LiveStats = {
      speakers,
      len: pos,
      tf,
      positions,
      starts,
      title: new Set(titleWords.map((t) => this.titleTermId(t))),
      terms: new Set([...tf.keys(), ...titleWords]),
      topicCount,
      topics: new Set(doc.topics),
    };
    for (const t of st.terms) this.vocab.set(t, (this.vocab.get(t) ?? 0) + 1);
    for (const t of new Set([...doc.topics, ...topicCount.keys()])) this.topicRefOrAdd(t);
    this.docs.push(doc);
    this.stats.push(st);
    this.numById.set(doc.id, n);
    this.flex.add(n, docText(doc));
    this.lengthTotal += pos;
    this.count++;
    this.sorted = null;
  }

  remove(id: string): boolean {
    const n = this.numById.get(id);
    if (n === undefined) return false;
    const st = this.stats[n]!;
    for (const t of st.terms) {
      const c = (this.vocab.get(t) ?? 1) - 1;
      if (c <= 0) this.vocab.delete(t);
      else this.vocab.set(t, c);
    }
    this.flex.remove(n);
    this.lengthTotal -= st.len;
    this.count--;
    this.docs[n] = undefined;
    this.stats[n] = undefined;
    this.numById.delete(id);
    this.sorted = null;
    return true;
  }

  df(term: string): number {
    return this.vocab.get(term) ?? 0;
  }
  lengthTotals() {
    return { total: this.lengthTotal, docs: this.count };
  }
  sortedTerms(): readonly string[] {
    return (this.sorted ??= [...this.vocab.keys()].sort());
  }

  postings(term: string): Postings | null {
    // flexsearch answers `undefined`, not `[]`, for a term whose last live readout was removed.
    const hits = (this.flex.search(term, { limit: 1_000_000 }) as number[] | undefined) ?? [];
    const found = hits.filter((n) => this.stats[n]?.tf.has(term)).sort((a, b) => a - b);
    if (!found.length) return null;
    return { docs: found, tfs: found.map((n) => this.stats[n]!.tf.get(term)!) };
  }
  positional(term: string): PositionalPostings | null {
    const p = this.postings(term);
    if (!p) return null;
    const posStart = [0];
    const pos: number[] = [];
    for (let j = 0; j < p.docs.length; j++) {
      pos.push(...this.stats[p.docs[j]!]!.positions.get(term)!);
      posStart.push(pos.length);
    }
    return { ...p, posStart, pos };
  }
  /** Live readouts are few: term handles index a per-query list of the terms. */
  private titleTermId(t: string): number {
    let i = this.titleTerms.get(t);
    if (i === undefined) this.titleTerms.set(t, (i = this.titleTerms.size));
    return i;
  }
  termIds(terms: string[]): Int32Array {
    return Int32Array.from(terms.map((t) => this.titleTerms.get(t) ?? -1).filter((i) => i >= 0));
  }
  titleHasAny(n: number, ids: Int32Array): boolean {
    const title = this.stats[n]!.title;
    for (const i of ids) if (title.has(i)) return true;
    return false;
  }

  length(n: number): number {
    return this.stats[n]!.len;
  }
  lengthNorms(avgLen: number): Float64Array {
    return Float64Array.from(this.stats, (s) => (s ? lengthNorm(s.len, avgLen) : 0));
  }
  dateKey(n: number): number {
    const d = this.docs[n]!;
    return dateKey(d.eventDate ?? d.publishedDate);
  }
  publisher(n: number): string | null {
    return this.docs[n]!.publisher;
  }
  kind(n: number): string {
    return this.docs[n]!.kind;
  }

  private topicRefOrAdd(t: string): number {
    let i = this.topicIds.get(t);
    if (i === undefined) {
      i = this.topicNames.length;
      this.topicIds.set(t, i);
      this.topicNames.push(t);
    }
    return i;
  }
  topicRef(topic: string): number {
    return this.topicIds.get(topic) ?? -1;
  }
  docsWithTopic(ref: number): ArrayLike<number> {
    const t = this.topicNames[ref];
    const out: number[] = [];
    if (t !== undefined)
      this.stats.forEach((s, n) => {
        if (s?.topics.has(t)) out.push(n);
      });
    return out;
  }
  topicSentences(ref: number): { docs: number[]; counts: number[] } {
    const docs: number[] = [];
    const counts: number[] = [];
    this.stats.forEach((s, n) => {
      const c = s && ref >= 0 ? s.topicCount.get(this.topicNames[ref]!) : 0;
      if (c) {
        docs.push(n);
        counts.push(c);
      }
    });
    return { docs, counts };
  }
  hasCountry(n: number, c: string): boolean {
    const d = this.docs[n]!;
    return (
      d.participants.some((p) => (p.country ?? '').toLowerCase() === c) ||
      d.topics.includes(c.replace(/[^a-z0-9]+/g, '-'))
    );
  }
  speakerIds(n: number, query: string): readonly string[] {
    return this.docs[n]!.participants.filter((p) => participantMatches(p, query)).map((p) => p.id);
  }
  speakerCodesFor(n: number, query: string, out: number[]): number {
    out.length = 0;
    for (const p of this.docs[n]!.participants)
      if (participantMatches(p, query)) out.push(this.speakerCodes.get(p.id) ?? -1);
    return out.length;
  }
  docsWithSpeaker(query: string): ArrayLike<number> {
    const out: number[] = [];
    this.docs.forEach((d, n) => {
      if (d?.participants.some((p) => participantMatches(p, query))) out.push(n);
    });
    return out;
  }

  /** Live readouts are few and their sentence tables separate: the engine works it out per readout. */
  speakerSentences(): null {
    return null;
  }
  sentenceCount(n: number): number {
    return this.docs[n]!.sentences.length;
  }
  sentences(n: number): SentenceTable {
    const st = this.stats[n]!;
    return { starts: st.starts, speakers: st.speakers, from: 0, count: st.starts.length, end: st.len };
  }
  private code(id: string): number {
    let c = this.speakerCodes.get(id);
    if (c === undefined) {
      c = this.speakerNames.length + 2;
      this.speakerCodes.set(id, c);
      this.speakerNames.push(id);
    }
    return c;
  }
  speakerOfCode(code: number): string | null {
    return code === 0 ? null : code === 1 ? 'joint' : (this.speakerNames[code - 2] ?? null);
  }
  markTopicSentences(n: number, mask: Uint8Array, out: Uint8Array): Uint8Array {
    this.docs[n]!.sentences.forEach((s, i) => {
      out[i] = s.topics.some((t) => {
        const r = this.topicIds.get(t);
        return r !== undefined && r < mask.length && mask[r] === 1;
      })
        ? 1
        : 0;
    });
    return out;
  }

  addFacets(ns: ArrayLike<number>, count: number, speakersKnown: Uint8Array, into: FacetTally, weight = 1): void {
    const inc = (m: Map<string, number>, k: string | null | undefined) => tallyAdd(m, k, weight);
    for (let j = 0; j < count; j++) {
      const n = ns[j]!;
      const d = this.docs[n]!;
      for (const t of d.topics) inc(into.topics, t);
      if (!speakersKnown[n]) for (const p of d.participants) inc(into.speakers, p.id);
      inc(into.publishers, d.publisher);
      inc(into.years, (d.eventDate ?? d.publishedDate)?.slice(0, 4));
      inc(into.kinds, d.kind);
    }
  }
}
