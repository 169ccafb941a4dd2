/**
 * The full-text index the search function holds: an immutable base (`CompactSegment`, loaded from
 * the published artifact) plus a live segment (`LiveSegment`, flexsearch) for the readouts that
 * delta segments added since. A replaced or removed base readout is hidden by a tombstone until
 * the next compaction writes a new base. Search runs over both (shared/search/engine.ts).
 */
import { CompactSegment } from './compact-segment.ts';
import {
  QueryPlan,
  rankSegments,
  renderPage,
  searchSegments,
  type SearchRequest,
  type SearchResult,
} from './engine.ts';
import type { ByteSource } from './binary.ts';
import { LiveSegment } from './live-segment.ts';
import type { SearchDoc } from './search-doc.ts';
import { participantMatches } from './segment.ts';

export type { Facets, Hit, SearchFilters, SearchRequest, SearchResult, Statement } from './engine.ts';

export const DELTA_FORMAT = 'readout-search-delta/1';

/** What one publication changed, relative to the version before it. */
export interface IndexDelta {
  format: typeof DELTA_FORMAT;
  version: number;
  baseVersion: number;
  upserts: SearchDoc[];
  removes: string[];
}

/** A base version as bytes: `index` is what search loads at cold start, `docs` the readouts' store. */
export interface IndexArtifact {
  index: Buffer;
  docs: Buffer;
}

export class ReadoutIndex {
  private live = new LiveSegment();
  version = 0;

  constructor(private readonly base: CompactSegment | null = null) {
    if (base) this.version = base.meta.version;
  }

  get size(): number {
    return (this.base?.liveCount ?? 0) + this.live.liveCount;
  }
  has(id: string): boolean {
    return this.live.lookup(id) !== undefined || this.base?.lookup(id) !== undefined;
  }
  get(id: string): SearchDoc | undefined {
    const l = this.live.lookup(id);
    if (l !== undefined) return this.live.doc(l);
    const b = this.base?.lookup(id);
    return b === undefined ? undefined : this.base!.doc(b);
  }
  /** Like `get`, reading the readout's record first when the base is not fully in memory. */
  async getAsync(id: string): Promise<SearchDoc | undefined> {
    if (this.live.lookup(id) !== undefined) return this.get(id);
    const b = this.base?.lookup(id);
    if (b === undefined) return undefined;
    await this.base!.prepareDocs([b]);
    return this.base!.doc(b);
  }

  *all(): IterableIterator<SearchDoc> {
    if (this.base) for (let n = 0; n < this.base.slots; n++) if (this.base.isLive(n)) yield this.base.doc(n);
    yield* this.live.all();
  }

  upsert(doc: SearchDoc): void {
    const b = this.base?.lookup(doc.id);
    if (b !== undefined) this.base!.kill(b);
    this.live.upsert(doc);
  }

  remove(id: string): boolean {
    const b = this.base?.lookup(id);
    if (b !== undefined) this.base!.kill(b);
    return this.live.remove(id) || b !== undefined;
  }

  search(req: SearchRequest): SearchResult {
    // The base's mean length stays the BM25 norm: small deltas barely move it, and ranking then
    // does not depend on which readouts arrived since.
    return searchSegments(this.base ? [this.base, this.live] : [this.live], req, { avgLen: this.base?.avgLen });
  }

  /** Applies a delta segment: removals, then upserts. Synchronous, so readers never see it half-applied. */
  applyDelta(delta: IndexDelta): void {
    for (const id of delta.removes) this.remove(id);
    for (const doc of delta.upserts) this.upsert(doc);
    this.version = delta.version;
  }

  /** Compaction: every live readout into one new base. */
  toArtifact(version: number): IndexArtifact {
    return CompactSegment.build(this.all(), { version, createdAt: new Date().toISOString() });
  }

  static fromArtifact(a: { index: Uint8Array; docs: Uint8Array }): ReadoutIndex {
    return new ReadoutIndex(CompactSegment.open(a.index, a.docs));
  }

  /** An index whose base is read by range (see CompactSegment.openLazy); searchAsync works at once. */
  static async openLazy(sources: { index: ByteSource; docs: ByteSource }): Promise<ReadoutIndex> {
    return new ReadoutIndex(await CompactSegment.openLazy(sources));
  }

  /** Resolves when every byte of the base is in memory (all routes, not only search, can run). */
  /** True when some readout has a participant this id or name matches (what a speaker filter would find). */
  knowsSpeaker(name: string): boolean {
    const q = name.toLowerCase();
    return (this.base?.docsWithSpeaker(q).length ?? 0) > 0 || this.live.docsWithSpeaker(q).length > 0;
  }
  complete(): Promise<void> {
    return this.base?.complete() ?? Promise.resolve();
  }
  get isComplete(): boolean {
    return this.base?.isComplete ?? true;
  }

  /**
   * Search that may read what it needs first: the query's postings and, when the query needs it,
   * the sentence table; then the records of the results shown. Same answers as `search`.
   */
  async searchAsync(req: SearchRequest): Promise<SearchResult> {
    const base = this.base;
    if (!base || base.isComplete) return this.search(req);
    const segments = [base, this.live];
    const plan = new QueryPlan(segments, req, { avgLen: base.avgLen });
    await base.prepare(plan.termList, plan.needsSentenceTable);
    const ranked = rankSegments(segments, plan);
    await base.prepareDocs(ranked.page.filter((h) => h.segment === 0).map((h) => h.n));
    return renderPage(segments, plan, ranked);
  }
}

/** "putin", "Putin", "Vladimir Putin" → the ids of the readout's participants it names. */
export function matchSpeaker(doc: SearchDoc, query: string): string[] {
  return doc.participants.filter((p) => participantMatches(p, query)).map((p) => p.id);
}
