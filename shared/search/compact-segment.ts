/**
 * The published base of the index: an immutable segment in a binary format that loads in the time
 * it takes to read its bytes. Per term: readouts and term frequencies (varint deltas) and, in a
 * separate stream, token positions (phrases and speaker-only matching without the text). Per
 * readout: typed columns (date, publisher, kind, length, topics, participants, title terms) and a
 * sentence table (start, speaker, topics). Postings are decoded per term on first use and cached.
 *
 * The readouts themselves (sentence texts for summaries) are a second buffer, the doc store,
 * decoded one readout at a time for the results shown: bodies never enter the index artifact.
 */
import { inflateRawSync } from 'node:zlib';
import { readLayout, readVarints, sectionView, type ByteSource, type Layout } from './binary.ts';
import { type FacetTally, tallyAdd } from './facets.ts';
import type { SearchDoc } from './search-doc.ts';
import {
  participantMatches,
  type PositionalPostings,
  type Postings,
  type Segment,
  type SentenceTable,
  type SpeakerSentences,
} from './segment.ts';
import { lengthNorm, RANKING } from './ranking.ts';
import { tokenize } from './tokenize.ts';
import { buildCompactSegment } from './compact-segment-builder.ts';
import { COUNT, IN_DOC, type Header, type Narrow, SEGMENT_FORMAT, type SegmentMeta } from './compact-segment-format.ts';

export { SEGMENT_FORMAT } from './compact-segment-format.ts';
export type { SegmentMeta } from './compact-segment-format.ts';

interface Decoded {
  docs: Uint32Array;
  tfs: Uint32Array;
  posStart: Uint32Array | null;
  pos: Uint32Array | null;
  size: number;
}

/** Decoded postings kept per term, up to this many integers in total (≈ 4 bytes each). */
const CACHE_BUDGET = 16_000_000;
/** Decoded readouts kept for summaries and lookups. */
const DOC_CACHE = 2000;

export class CompactSegment implements Segment {
  readonly slots: number;
  private readonly h: Header;
  private readonly terms: string[];
  private readonly df_: Uint32Array;
  private readonly postCount: Uint32Array;
  private readonly postOff: Float64Array;
  private readonly posOff: Float64Array;
  private post: Uint8Array | null = null;
  private pos: Uint8Array | null = null;
  private readonly date: Int32Array;
  private readonly publisherCol: Narrow;
  private readonly kindCol: Narrow;
  private readonly lengthCol: Uint32Array;
  private readonly topicStart: Uint32Array;
  private readonly topicIds: Narrow; /** Per readout topic: sentence count in the low 7 bits, "the readout carries it" in the high bit. */
  private readonly topicCounts: Uint8Array;
  private readonly partStart: Uint32Array;
  private readonly partIds: Narrow;
  private readonly titleStart: Uint32Array;
  private readonly titleTerms: Narrow;
  private sentStart = EMPTY;
  private sentPos: Uint16Array | Uint32Array = EMPTY;
  private sentSpeaker: Uint16Array | Uint32Array = EMPTY;
  private sentTopicStart = EMPTY;
  private sentTopicIds: Narrow = new Uint16Array(0);
  private sentencesIn = false;
  private sentTopicBits = EMPTY;
  private sentTopicBitsHi = EMPTY;
  private topicBit = new Int32Array(0);
  private store: Uint8Array | null;
  /** Parts fetched by range before the whole segment is in: per-term postings, per-readout records. */
  private readonly termBytes = new Map<number, { post: Uint8Array; pos: Uint8Array }>();
  private readonly docBytes = new Map<number, Uint8Array>();
  private completing: Promise<void> | null = null;
  private readonly storeOff: Float64Array;
  private readonly idsBytes: Uint8Array;
  private idList: string[] | null = null;
  private idMap: Map<string, number> | null = null;
  private readonly topicIndex: Map<string, number>;
  private readonly topicDocs = new Map<number, Uint32Array>();
  private readonly topicSentenceLists = new Map<number, { docs: Uint32Array; counts: Uint16Array }>();
  private readonly cache = new Map<number, Decoded>();
  private readonly termCache = new Map<string, number>();
  private partCodes: Int32Array | null = null;
  private readonly speakerCodes: Map<string, number>;
  private cached = 0;
  private readonly docCache = new Map<number, SearchDoc>();
  private readonly speakerCache = new Map<string, { byParticipant: Int8Array; docs: Uint32Array | null }>();
  /** Per speaker query, its sentences (≈ 3 MB at 100,000 readouts): a few speakers only. */
  private readonly speakerSentenceCache = new Map<string, SpeakerSentences>();
  private readonly dead: Uint8Array;
  private deadLength = 0;
  private deadCount = 0;
  private readonly decoder = new TextDecoder();

  /**
   * `bytes` hold the segment from its first byte: all of it (eager), or at least the header and the
   * sections every query needs (lazy, with `sources` to fetch the rest by range). `store` is the doc
   * store when it is already in memory.
   */
  constructor(
    private readonly layout: Layout<Header>,
    bytes: Uint8Array,
    store: Uint8Array | null,
    private readonly sources: { index: ByteSource; docs: ByteSource } | null = null,
  ) {
    if (layout.header.format !== SEGMENT_FORMAT)
      throw new Error(`unsupported index segment format ${String(layout.header.format)}`);
    this.h = layout.header;
    this.slots = layout.header.docs;
    this.store = store;
    const s = <T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(name: string) =>
      sectionView<T>(layout, name, bytes);
    const termBytes = s<Uint8Array>('terms');
    this.terms = termBytes.length ? this.decoder.decode(termBytes).split('\n') : [];
    this.df_ = s('df');
    this.postCount = s('postCount');
    this.postOff = s('postOff');
    this.posOff = s('posOff');
    this.date = s('date');
    this.publisherCol = s('publisher');
    this.kindCol = s('kind');
    this.lengthCol = s('length');
    this.topicStart = s('topicStart');
    this.topicIds = s('topicIds');
    this.topicCounts = s('topicCounts');
    this.partStart = s('partStart');
    this.partIds = s('partIds');
    this.titleStart = s('titleStart');
    this.titleTerms = s('titleTerms');
    this.storeOff = s('storeOff');
    if (bytes.length >= layout.sections.sentTopicIds!.end) this.attachSentences(bytes, 0);
    if (bytes.length >= layout.sections.pos!.end) this.attachPostings(bytes, 0);
    if (!sources && (!this.sentencesIn || !this.post || !store))
      throw new Error('an eager index segment needs all its bytes and its doc store');
    this.idsBytes = s('ids');
    this.topicIndex = new Map(this.h.topics.map((t, i) => [t, i]));
    this.speakerCodes = new Map(this.h.speakers.map((t, i) => [t, i + 2]));
    this.dead = new Uint8Array(this.slots);
  }

  get meta(): SegmentMeta {
    return this.h.meta;
  }
  /** Mean readout length when the segment was built: the BM25 norm for its whole life. */
  get avgLen(): number {
    return this.h.lengthTotal / Math.max(1, this.h.docs);
  }

  static build(docs: Iterable<SearchDoc>, meta?: SegmentMeta): { index: Buffer; docs: Buffer } {
    return buildCompactSegment(docs, meta);
  }

  /** A segment whose bytes are all in memory. */
  static open(index: Uint8Array, docs: Uint8Array): CompactSegment {
    const layout = readLayout<Header>(index);
    if ('need' in layout) throw new Error('truncated index segment');
    return new CompactSegment(layout, index, docs);
  }

  /**
   * A segment read by range: the header and the sections every query needs now (one read), the
   * rest — sentence table, postings, doc store — on demand per query (`prepare`) and in full in the
   * background (`complete`). Cold start then costs the hot sections, not the whole index.
   */
  static async openLazy(sources: { index: ByteSource; docs: ByteSource }): Promise<CompactSegment> {
    let prefix = await sources.index.read(0, 64 * 1024);
    let layout = readLayout<Header>(prefix);
    if ('need' in layout) {
      prefix = await sources.index.read(0, layout.need);
      layout = readLayout<Header>(prefix);
    }
    if ('need' in layout) throw new Error('truncated index segment header');
    const hotEnd = layout.sections.storeOff!.end;
    const bytes = hotEnd <= prefix.length ? prefix : await sources.index.read(0, hotEnd);
    return new CompactSegment(layout, bytes, null, sources);
  }

  /** Everything is in memory: no query waits for a read. */
  get isComplete(): boolean {
    return this.sentencesIn && !!this.post && !!this.store;
  }

  private attachSentences(bytes: Uint8Array, at: number): void {
    const s = <T extends Uint8Array | Uint16Array | Uint32Array>(name: string) =>
      sectionView<T>(this.layout, name, bytes, at);
    this.sentStart = s('sentStart');
    this.sentPos = s('sentPos');
    this.sentSpeaker = s('sentSpeaker');
    const counts = s<Uint8Array>('sentTopicCount');
    const start = new Uint32Array(counts.length + 1);
    for (let i = 0; i < counts.length; i++) start[i + 1] = start[i]! + counts[i]!;
    this.sentTopicStart = start;
    this.sentTopicIds = s('sentTopicIds');
    // The 64 topics most often on sentences as one bit each per sentence (two 32-bit words): marking
    // a readout's sentences for a query's topics is then one AND per sentence. (With 32, common
    // query topics such as "energy" fell outside and took the per-sentence list walk.)
    const freq = new Uint32Array(this.h.topics.length);
    const ids = this.sentTopicIds;
    for (let j = 0; j < ids.length; j++) freq[ids[j]!]!++;
    const top = [...freq.keys()]
      .sort((x, y) => freq[y]! - freq[x]!)
      .slice(0, 64)
      .filter((t) => freq[t]);
    this.topicBit = new Int32Array(this.h.topics.length).fill(-1);
    top.forEach((t, b) => {
      this.topicBit[t] = b;
    });
    const lo = new Uint32Array(counts.length);
    const hi = new Uint32Array(counts.length);
    for (let i = 0; i < counts.length; i++) {
      let l = 0;
      let h = 0;
      for (let j = start[i]!; j < start[i + 1]!; j++) {
        const b = this.topicBit[ids[j]!]!;
        if (b >= 32) h |= 1 << (b - 32);
        else if (b >= 0) l |= 1 << b;
      }
      lo[i] = l;
      hi[i] = h;
    }
    this.sentTopicBits = lo;
    this.sentTopicBitsHi = hi;
    this.sentencesIn = true;
  }

  private attachPostings(bytes: Uint8Array, at: number): void {
    this.post = sectionView<Uint8Array>(this.layout, 'post', bytes, at);
    this.pos = sectionView<Uint8Array>(this.layout, 'pos', bytes, at);
    this.termBytes.clear();
  }

  /** Reads what a query needs that is not in memory yet: its terms' postings, and the sentence table. */
  async prepare(terms: string[], sentences: boolean): Promise<void> {
    if (this.isComplete || !this.sources) return;
    const src = this.sources.index;
    const { post, pos } = this.layout.sections;
    const reads: Array<Promise<void>> = [];
    if (!this.post) {
      for (const t of terms) {
        const i = this.termId(t);
        if (i < 0 || this.termBytes.has(i) || !this.postCount[i]) continue;
        reads.push(
          Promise.all([
            src.read(post!.start + this.postOff[i]!, post!.start + this.postOff[i + 1]!),
            src.read(pos!.start + this.posOff[i]!, pos!.start + this.posOff[i + 1]!),
          ]).then(([p, q]) => {
            if (!this.post) this.termBytes.set(i, { post: p, pos: q });
          }),
        );
      }
    }
    if (sentences && !this.sentencesIn) {
      const first = this.layout.sections.sentStart!.start;
      const last = this.layout.sections.sentTopicIds!.end;
      reads.push(
        src.read(first, last).then((b) => {
          if (!this.sentencesIn) this.attachSentences(b, first);
        }),
      );
    }
    await Promise.all(reads);
  }

  /** Reads the records of readouts about to be shown, when the doc store is not in memory yet. */
  async prepareDocs(ns: number[]): Promise<void> {
    if (this.store || !this.sources) return;
    const src = this.sources.docs;
    await Promise.all(
      ns
        .filter((n) => !this.docBytes.has(n))
        .map(async (n) => {
          const b = await src.read(this.storeOff[n]!, this.storeOff[n + 1]!);
          if (!this.store) this.docBytes.set(n, b);
        }),
    );
  }

  /** Reads everything not yet in memory (once); afterwards every query runs from memory. */
  complete(): Promise<void> {
    if (this.isComplete || !this.sources) return Promise.resolve();
    this.completing ??= (async () => {
      const { index, docs } = this.sources!;
      const first = this.layout.sections.sentStart!.start;
      const end = this.layout.sections.pos!.end;
      const [rest, store] = await Promise.all([index.read(first, end), docs.read(0, this.storeOff[this.slots]!)]);
      if (!this.sentencesIn) this.attachSentences(rest, first);
      this.attachPostings(rest, first);
      this.store = store;
      this.docBytes.clear();
    })().catch((e: unknown) => {
      this.completing = null;
      throw e;
    });
    return this.completing;
  }

  // ---------- identity ----------

  private ids(): string[] {
    return (this.idList ??= JSON.parse(this.decoder.decode(this.idsBytes)) as string[]);
  }
  id(n: number): string {
    return this.ids()[n]!;
  }
  lookup(id: string): number | undefined {
    this.idMap ??= new Map(this.ids().map((x, i) => [x, i]));
    const n = this.idMap.get(id);
    return n !== undefined && !this.dead[n] ? n : undefined;
  }
  isLive(n: number): boolean {
    return !this.dead[n];
  }
  get liveCount(): number {
    return this.slots - this.deadCount;
  }
  /** Hides readout n (replaced or removed by a later delta); the bytes stay until compaction. */
  kill(n: number): void {
    if (!this.dead[n]) {
      this.dead[n] = 1;
      this.deadCount++;
      this.deadLength += this.lengthCol[n]!;
    }
  }

  doc(n: number): SearchDoc {
    let d = this.docCache.get(n);
    if (d) return d;
    const bytes = this.store ? this.store.subarray(this.storeOff[n]!, this.storeOff[n + 1]!) : this.docBytes.get(n);
    if (!bytes) throw new Error(`readout ${n} of the index segment is not loaded yet`);
    d = JSON.parse(this.decoder.decode(inflateRawSync(bytes))) as SearchDoc;
    if (this.docCache.size >= DOC_CACHE) this.docCache.delete(this.docCache.keys().next().value!);
    this.docCache.set(n, d);
    return d;
  }

  // ---------- terms ----------

  private termId(t: string): number {
    let id = this.termCache.get(t);
    if (id === undefined) {
      id = this.findTerm(t);
      if (this.termCache.size > 50_000) this.termCache.clear();
      this.termCache.set(t, id);
    }
    return id;
  }
  private findTerm(t: string): number {
    let lo = 0;
    let hi = this.terms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.terms[mid]!;
      if (v === t) return mid;
      if (v < t) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  df(term: string): number {
    const i = this.termId(term);
    return i < 0 ? 0 : this.df_[i]!;
  }
  lengthTotals() {
    return { total: this.h.lengthTotal - this.deadLength, docs: this.slots - this.deadCount };
  }
  sortedTerms(): readonly string[] {
    return this.terms;
  }

  private decode(i: number, withPositions: boolean): Decoded {
    let d = this.cache.get(i);
    if (d && (d.pos || !withPositions)) {
      this.cache.delete(i);
      this.cache.set(i, d);
      return d;
    }
    if (!d) {
      const count = this.postCount[i]!;
      const pairs = new Uint32Array(count * 2);
      const part = this.post ? null : this.termBytes.get(i);
      if (!this.post && !part) throw new Error(`postings of "${this.terms[i]}" are not loaded yet`);
      readVarints(part ? part.post : this.post!, part ? 0 : this.postOff[i]!, count * 2, pairs);
      const docs = new Uint32Array(count);
      const tfs = new Uint32Array(count);
      let n = -1;
      for (let j = 0; j < count; j++) {
        n += pairs[2 * j]!;
        docs[j] = n;
        tfs[j] = pairs[2 * j + 1]!;
      }
      d = { docs, tfs, posStart: null, pos: null, size: count * 2 };
    }
    if (withPositions) {
      const count = d.docs.length;
      const posStart = new Uint32Array(count + 1);
      for (let j = 0; j < count; j++) posStart[j + 1] = posStart[j]! + d.tfs[j]!;
      const pos = new Uint32Array(posStart[count]!);
      const part = this.pos ? null : this.termBytes.get(i);
      if (!this.pos && !part) throw new Error(`positions of "${this.terms[i]}" are not loaded yet`);
      readVarints(part ? part.pos : this.pos!, part ? 0 : this.posOff[i]!, pos.length, pos);
      for (let j = 0; j < count; j++) for (let k = posStart[j]! + 1; k < posStart[j + 1]!; k++) pos[k] += pos[k - 1]!;
      d.posStart = posStart;
      d.pos = pos;
      d.size += count + pos.length;
    }
    this.remember(i, d);
    return d;
  }

  private remember(i: number, d: Decoded): void {
    const old = this.cache.get(i);
    if (old) {
      this.cached -= old.size;
      this.cache.delete(i);
    }
    this.cache.set(i, d);
    this.cached += d.size;
    for (const [k, v] of this.cache) {
      if (this.cached <= CACHE_BUDGET || k === i) break;
      this.cache.delete(k);
      this.cached -= v.size;
    }
  }

  postings(term: string): Postings | null {
    const i = this.termId(term);
    if (i < 0 || !this.postCount[i]) return null;
    return this.decode(i, false);
  }

  positional(term: string): PositionalPostings | null {
    const i = this.termId(term);
    if (i < 0 || !this.postCount[i]) return null;
    return this.decode(i, true) as PositionalPostings;
  }

  termIds(terms: string[]): Int32Array {
    return Int32Array.from(terms.map((t) => this.termId(t)).filter((i) => i >= 0));
  }
  titleHasAny(n: number, ids: Int32Array): boolean {
    const title = this.titleTerms;
    if (ids.length === 1) {
      const id = ids[0]!;
      for (let k = this.titleStart[n]!, end = this.titleStart[n + 1]!; k < end; k++) if (title[k] === id) return true;
      return false;
    }
    // Several query terms: one flag lookup per title term (asked for every hit of a query).
    let flags = this.titleFlags.get(ids);
    if (!flags) {
      flags = new Uint8Array(this.terms.length);
      for (const i of ids) flags[i] = 1;
      this.titleFlags.set(ids, flags);
    }
    for (let k = this.titleStart[n]!, end = this.titleStart[n + 1]!; k < end; k++) if (flags[title[k]!]) return true;
    return false;
  }
  private readonly titleFlags = new WeakMap<Int32Array, Uint8Array>();

  // ---------- columns ----------

  length(n: number): number {
    return this.lengthCol[n]!;
  }
  /** Lengths never change here: worked out once per average length and ranking constants (a query reads one per posting). */
  lengthNorms(avgLen: number): Float64Array {
    const key = `${avgLen} ${RANKING.k1} ${RANKING.b}`;
    if (this.norms?.key !== key) {
      const values = new Float64Array(this.slots);
      for (let n = 0; n < this.slots; n++) values[n] = lengthNorm(this.lengthCol[n]!, avgLen);
      this.norms = { key, values };
    }
    return this.norms.values;
  }
  private norms: { key: string; values: Float64Array } | null = null;
  dateKey(n: number): number {
    return this.date[n]!;
  }
  publisher(n: number): string | null {
    return this.h.publishers[this.publisherCol[n]!] ?? null;
  }
  kind(n: number): string {
    return this.h.kinds[this.kindCol[n]!]!;
  }

  topicRef(topic: string): number {
    return this.topicIndex.get(topic) ?? -1;
  }
  docsWithTopic(ref: number): ArrayLike<number> {
    if (ref < 0) return EMPTY;
    let l = this.topicDocs.get(ref);
    if (!l) {
      const out: number[] = [];
      for (let n = 0; n < this.slots; n++)
        for (let k = this.topicStart[n]!; k < this.topicStart[n + 1]!; k++)
          if (this.topicIds[k] === ref && this.topicCounts[k]! & IN_DOC) {
            out.push(n);
            break;
          }
      this.topicDocs.set(ref, (l = Uint32Array.from(out)));
    }
    return l;
  }
  topicSentences(ref: number): { docs: Uint32Array; counts: Uint16Array } {
    if (ref < 0) return { docs: EMPTY, counts: new Uint16Array(0) };
    let l = this.topicSentenceLists.get(ref);
    if (!l) {
      const docs: number[] = [];
      const counts: number[] = [];
      for (let n = 0; n < this.slots; n++)
        for (let k = this.topicStart[n]!; k < this.topicStart[n + 1]!; k++)
          if (this.topicIds[k] === ref) {
            const c = this.topicCounts[k]! & COUNT;
            if (c) {
              docs.push(n);
              counts.push(c);
            }
            break;
          }
      this.topicSentenceLists.set(ref, (l = { docs: Uint32Array.from(docs), counts: Uint16Array.from(counts) }));
    }
    return l;
  }
  private hasTopic(n: number, ref: number): boolean {
    if (ref < 0) return false;
    for (let k = this.topicStart[n]!; k < this.topicStart[n + 1]!; k++)
      if (this.topicIds[k] === ref) return (this.topicCounts[k]! & IN_DOC) !== 0;
    return false;
  }
  hasCountry(n: number, c: string): boolean {
    for (let k = this.partStart[n]!; k < this.partStart[n + 1]!; k++)
      if ((this.h.participants[this.partIds[k]!]!.country ?? '').toLowerCase() === c) return true;
    return this.hasTopic(n, this.topicRef(c.replace(/[^a-z0-9]+/g, '-')));
  }

  private speakerMatch(query: string) {
    let m = this.speakerCache.get(query);
    if (!m) {
      m = {
        byParticipant: Int8Array.from(this.h.participants, (p) => (participantMatches(p, query) ? 1 : 0)),
        docs: null,
      };
      if (this.speakerCache.size > 64) this.speakerCache.clear();
      this.speakerCache.set(query, m);
    }
    return m;
  }
  speakerIds(n: number, query: string): readonly string[] {
    const m = this.speakerMatch(query).byParticipant;
    let out: string[] | null = null;
    for (let k = this.partStart[n]!; k < this.partStart[n + 1]!; k++)
      if (m[this.partIds[k]!]) (out ??= []).push(this.h.participants[this.partIds[k]!]!.id);
    return out ?? NONE;
  }
  speakerCodesFor(n: number, query: string, out: number[]): number {
    const m = this.speakerMatch(query).byParticipant;
    const codes = (this.partCodes ??= Int32Array.from(this.h.participants, (p) => this.speakerCodes.get(p.id) ?? -1));
    out.length = 0;
    for (let k = this.partStart[n]!; k < this.partStart[n + 1]!; k++)
      if (m[this.partIds[k]!]) out.push(codes[this.partIds[k]!]!);
    return out.length;
  }
  docsWithSpeaker(query: string): ArrayLike<number> {
    const m = this.speakerMatch(query);
    if (!m.docs) {
      const out: number[] = [];
      for (let n = 0; n < this.slots; n++)
        for (let k = this.partStart[n]!; k < this.partStart[n + 1]!; k++)
          if (m.byParticipant[this.partIds[k]!]) {
            out.push(n);
            break;
          }
      m.docs = Uint32Array.from(out);
    }
    return m.docs;
  }

  /**
   * One pass over the sentence table per speaker query (a few ms at 100k readouts), kept for the
   * eight most recent speakers: the same leaders are asked about again and again, and each query
   * then skips a pass over every candidate readout's sentences. A sentence's speaker is always one of
   * its readout's participants, so the speaker codes the query names can be taken segment-wide.
   */
  speakerSentences(query: string): SpeakerSentences | null {
    if (!this.sentencesIn) return null;
    let cached = this.speakerSentenceCache.get(query);
    if (!cached) {
      const m = this.speakerMatch(query);
      const codes = (this.partCodes ??= Int32Array.from(this.h.participants, (p) => this.speakerCodes.get(p.id) ?? -1));
      const named = new Uint8Array(this.h.speakers.length + 2);
      m.byParticipant.forEach((v, i) => {
        if (v && codes[i]! > 1) named[codes[i]!] = 1;
      });
      named[1] = 1; // joint statements are every participant's
      const eligible = new Uint8Array(this.sentSpeaker.length);
      const tokens = new Uint32Array(this.slots);
      const listStart = new Uint32Array(this.slots + 1);
      const { sentStart, sentPos, sentSpeaker } = this;
      let count = 0;
      let longest = 0;
      for (let n = 0; n < this.slots; n++) {
        const from = sentStart[n]!;
        const to = sentStart[n + 1]!;
        let len = 0;
        listStart[n] = count;
        longest = Math.max(longest, to - from);
        for (let s = from; s < to; s++) {
          if (!named[sentSpeaker[s]!]) continue;
          eligible[s] = 1;
          count++;
          len += (s + 1 < to ? sentPos[s + 1]! : this.lengthCol[n]!) - sentPos[s]!;
        }
        tokens[n] = len;
      }
      listStart[this.slots] = count;
      // The same sentences as a list per readout: the sentence pass visits those alone.
      const list = longest <= 0xffff ? new Uint16Array(count) : new Uint32Array(count);
      for (let n = 0, k = 0; n < this.slots; n++)
        for (let s = sentStart[n]!; s < sentStart[n + 1]!; s++) if (eligible[s]) list[k++] = s - sentStart[n]!;
      if (this.speakerSentenceCache.size >= 8)
        this.speakerSentenceCache.delete(this.speakerSentenceCache.keys().next().value!);
      this.speakerSentenceCache.set(query, (cached = { eligible, tokens, list, listStart }));
    }
    return cached;
  }

  sentenceCount(n: number): number {
    return this.sentencesIn ? this.sentStart[n + 1]! - this.sentStart[n]! : this.doc(n).sentences.length;
  }
  sentences(n: number): SentenceTable {
    if (!this.sentencesIn) return this.sentencesFromRecord(n);
    const from = this.sentStart[n]!;
    return {
      starts: this.sentPos,
      speakers: this.sentSpeaker,
      from,
      count: this.sentStart[n + 1]! - from,
      end: this.lengthCol[n]!,
    };
  }
  private speakerCode(id: string): number {
    return id === 'joint' ? 1 : (this.speakerCodes.get(id) ?? -1);
  }
  speakerOfCode(code: number): string | null {
    return code === 0 ? null : code === 1 ? 'joint' : (this.h.speakers[code - 2] ?? null);
  }
  /** Before the sentence table is in: the same table from the readout's record (results being shown). */
  private sentencesFromRecord(n: number): SentenceTable {
    const d = this.doc(n);
    const starts: number[] = [];
    let pos = 0;
    for (const s of d.sentences) {
      starts.push(pos);
      pos += tokenize(s.text).length;
    }
    const speakers = d.sentences.map((s) => (s.speaker === null ? 0 : this.speakerCode(s.speaker)));
    return { starts, speakers, from: 0, count: starts.length, end: pos };
  }

  markTopicSentences(n: number, mask: Uint8Array, out: Uint8Array): Uint8Array {
    if (!this.sentencesIn) {
      this.doc(n).sentences.forEach((s, i) => {
        out[i] = s.topics.some((t) => {
          const r = this.topicIndex.get(t);
          return r !== undefined && r < mask.length && mask[r] === 1;
        })
          ? 1
          : 0;
      });
      return out;
    }
    const from = this.sentStart[n]!;
    const S = this.sentStart[n + 1]! - from;
    const { lo, hi, rare } = this.maskParts(mask);
    const bitsLo = this.sentTopicBits;
    const bitsHi = this.sentTopicBitsHi;
    for (let i = 0; i < S; i++) out[i] = (bitsLo[from + i]! & lo) | (bitsHi[from + i]! & hi) ? 1 : 0;
    for (const ref of rare) {
      const list = this.rareTopicSentences(ref);
      if (!list) continue;
      const { docs, start, sentences } = list;
      let lo = 0;
      let hi = docs.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (docs[mid]! < n) lo = mid + 1;
        else hi = mid;
      }
      if (lo < docs.length && docs[lo] === n) for (let k = start[lo]!; k < start[lo + 1]!; k++) out[sentences[k]!] = 1;
    }
    return out;
  }

  /** A topic mask as sentence-bit words plus the topics without a bit (masks live for one query). */
  private readonly maskCache = new WeakMap<Uint8Array, { lo: number; hi: number; rare: number[] }>();
  private maskParts(mask: Uint8Array): { lo: number; hi: number; rare: number[] } {
    let m = this.maskCache.get(mask);
    if (!m) {
      m = { lo: 0, hi: 0, rare: [] };
      for (let t = 0; t < mask.length; t++) {
        if (!mask[t]) continue;
        const b = t < this.topicBit.length ? this.topicBit[t]! : -1;
        if (b >= 32) m.hi |= 1 << (b - 32);
        else if (b >= 0) m.lo |= 1 << b;
        else m.rare.push(t);
      }
      this.maskCache.set(mask, m);
    }
    return m;
  }

  /**
   * The topics without a sentence bit: for each, the readouts with a sentence on it (ascending) and
   * those sentences. All of them in two passes over the sentence topics on first need (≈ 20 ms at
   * 100,000 readouts): they are the rarer topics, so the lists are short, and a query meets many.
   */
  private rare: Array<RareTopic | undefined> | null = null;
  private rareTopicSentences(ref: number): RareTopic | undefined {
    if (!this.rare) this.rare = this.buildRareTopics();
    return this.rare[ref];
  }
  private buildRareTopics(): Array<RareTopic | undefined> {
    const T = this.h.topics.length;
    const { sentStart, sentTopicStart, sentTopicIds, topicBit } = this;
    const docCount = new Uint32Array(T);
    const entryCount = new Uint32Array(T);
    const last = new Int32Array(T).fill(-1);
    const each = (visit: (t: number, n: number, i: number) => void) => {
      for (let n = 0; n < this.slots; n++) {
        const from = sentStart[n]!;
        for (let i = 0, S = sentStart[n + 1]! - from; i < S; i++) {
          for (let j = sentTopicStart[from + i]!, end = sentTopicStart[from + i + 1]!; j < end; j++) {
            const t = sentTopicIds[j]!;
            if (topicBit[t]! < 0) visit(t, n, i);
          }
        }
      }
    };
    each((t, n) => {
      entryCount[t]!++;
      if (last[t] !== n) {
        last[t] = n;
        docCount[t]!++;
      }
    });
    const out: Array<RareTopic | undefined> = new Array(T);
    for (let t = 0; t < T; t++)
      if (entryCount[t])
        out[t] = {
          docs: new Uint32Array(docCount[t]!),
          start: new Uint32Array(docCount[t]! + 1),
          sentences: new Uint16Array(entryCount[t]!),
        };
    const docAt = new Uint32Array(T);
    const entryAt = new Uint32Array(T);
    last.fill(-1);
    each((t, n, i) => {
      const r = out[t]!;
      if (last[t] !== n) {
        last[t] = n;
        r.docs[docAt[t]!] = n;
        r.start[docAt[t]!] = entryAt[t]!;
        docAt[t]!++;
      }
      r.sentences[entryAt[t]!++] = i;
    });
    for (let t = 0; t < T; t++) {
      const r = out[t];
      if (r) r.start[r.docs.length] = r.sentences.length;
    }
    return out;
  }

  /**
   * Each readout's facet values as one row of codes (its topics, publisher, kind and year, then its
   * participants), built on the first facet count. Counting a hit is then one pass over one short
   * contiguous row instead of reads from seven columns in different places: facets are counted on
   * up to FACET_SAMPLE hits per query, and at 100,000 readouts the column reads were a quarter of a
   * query's time. Codes: topics [0, T), publishers, kinds, years (ascending), then participants.
   */
  private facetRows: {
    rowStart: Uint32Array;
    /** Where readout n's participant codes start in its row. */
    partsAt: Uint32Array;
    codes: Uint16Array | Uint32Array;
    counts: Uint32Array;
    years: number[];
    pubBase: number;
    kindBase: number;
    yearBase: number;
    partBase: number;
    touchedParts: number[];
    /** Participant record → its speaker id's number, the ids by number, and a counter per id (zero between uses). */
    partSpeaker: Int32Array;
    speakerIds: string[];
    idCounts: Uint32Array;
  } | null = null;

  private buildFacetRows(): NonNullable<CompactSegment['facetRows']> {
    const { topicStart, topicCounts, topicIds, partStart, partIds, publisherCol, kindCol, date, slots } = this;
    const T = this.h.topics.length;
    const pubBase = T;
    const kindBase = pubBase + this.h.publishers.length;
    const yearBase = kindBase + this.h.kinds.length;
    const yearOf = (n: number) => Math.floor(date[n]! / 10000);
    const seen = new Set<number>();
    for (let n = 0; n < slots; n++) seen.add(yearOf(n));
    const years = [...seen].sort((a, b) => a - b);
    const yearCode = new Uint32Array(10000);
    years.forEach((y, i) => {
      yearCode[y] = yearBase + i;
    });
    const partBase = yearBase + years.length;
    const total = partBase + this.h.participants.length;
    // One pass into room for every entry (topics a readout does not carry are left out: the rest is unused).
    const room = topicStart[slots]! + 3 * slots + partStart[slots]!;
    const codes = total <= 0xffff ? new Uint16Array(room) : new Uint32Array(room);
    const rowStart = new Uint32Array(slots + 1);
    const partsAt = new Uint32Array(slots);
    let c = 0;
    for (let n = 0; n < slots; n++) {
      rowStart[n] = c;
      for (let k = topicStart[n]!; k < topicStart[n + 1]!; k++) if (topicCounts[k]! & IN_DOC) codes[c++] = topicIds[k]!;
      codes[c++] = pubBase + publisherCol[n]!;
      codes[c++] = kindBase + kindCol[n]!;
      codes[c++] = yearCode[yearOf(n)]!;
      partsAt[n] = c;
      for (let k = partStart[n]!; k < partStart[n + 1]!; k++) codes[c++] = partBase + partIds[k]!;
    }
    rowStart[slots] = c;
    // Participant records → their speaker ids, as numbers (records of one person share one).
    const idIndex = new Map<string, number>();
    const partSpeaker = Int32Array.from(this.h.participants, (p) => {
      let s = idIndex.get(p.id);
      if (s === undefined) idIndex.set(p.id, (s = idIndex.size));
      return s;
    });
    return {
      partSpeaker,
      speakerIds: [...idIndex.keys()],
      idCounts: new Uint32Array(idIndex.size),
      rowStart,
      partsAt,
      codes: codes.subarray(0, c),
      counts: new Uint32Array(total),
      years,
      pubBase,
      kindBase,
      yearBase,
      partBase,
      touchedParts: [],
    };
  }

  addFacets(ns: ArrayLike<number>, count: number, speakersKnown: Uint8Array, into: FacetTally, weight = 1): void {
    // The counters are reused by every query (a search runs to the end without awaiting); all zero between uses.
    const f = (this.facetRows ??= this.buildFacetRows());
    const { rowStart, partsAt, codes, counts, touchedParts, partBase } = f;
    for (let j = 0; j < count; j++) {
      const n = ns[j]!;
      const mid = partsAt[n]!;
      for (let k = rowStart[n]!; k < mid; k++) counts[codes[k]!]!++;
      // The speakers of a speaker search are those of its matching statements (counted by the caller).
      if (!speakersKnown[n])
        for (let k = mid, end = rowStart[n + 1]!; k < end; k++) {
          const p = codes[k]!;
          if (counts[p]!++ === 0) touchedParts.push(p);
        }
    }
    const add = (m: Map<string, number>, k: string | null | undefined, v: number) =>
      tallyAdd(m, k, Math.round(v * weight));
    const take = (code: number) => {
      const v = counts[code]!;
      counts[code] = 0;
      return v;
    };
    for (let i = 0; i < f.pubBase; i++) if (counts[i]) add(into.topics, this.h.topics[i], take(i));
    // One readout counts once per speaker id, even if two participant records share it; in participant order.
    const { partSpeaker, speakerIds, idCounts } = f;
    const ids: number[] = [];
    for (const code of Uint32Array.from(touchedParts).sort()) {
      const s = partSpeaker[code - partBase]!;
      if (idCounts[s] === 0) ids.push(s);
      idCounts[s] += take(code);
    }
    touchedParts.length = 0;
    for (const s of ids) {
      add(into.speakers, speakerIds[s], idCounts[s]!);
      idCounts[s] = 0;
    }
    for (let i = f.pubBase; i < f.kindBase; i++)
      if (counts[i]) add(into.publishers, this.h.publishers[i - f.pubBase], take(i));
    for (let i = f.kindBase; i < f.yearBase; i++) if (counts[i]) add(into.kinds, this.h.kinds[i - f.kindBase], take(i));
    f.years.forEach((y, i) => {
      const v = take(f.yearBase + i);
      if (y) add(into.years, String(y), v);
    });
  }
}

/** A topic without a sentence bit: readouts docs[d] has sentences[start[d] .. start[d + 1]) on it. */
interface RareTopic {
  docs: Uint32Array;
  start: Uint32Array;
  sentences: Uint16Array;
}

const EMPTY = new Uint32Array(0);
const NONE: readonly string[] = [];
