/**
 * Keeps the published index equal to the table. `applyChanges` re-reads each changed readout from
 * the table (so event order and duplicates do not matter), applies it to the current version, and
 * publishes the next version with a compare-and-set on the pointer; on a lost race it starts over
 * from the winner's version, so no update is ever lost. `rebuild` does the same from a full scan.
 *
 * A publication writes only a delta segment (the readouts it changed), so its cost does not grow
 * with the index; every `maxDeltas` publications the base is rewritten (compaction).
 */
import { toSearchDoc, type SearchDoc } from '../search/search-doc.ts';
import { ReadoutIndex } from '../search/readout-index.ts';
import type { IndexPointer, IndexTable } from '../store/readout-table.ts';
import { UnsupportedArtifactError, type IndexArtifacts } from './index-artifacts.ts';

export interface PublishResult {
  version: number;
  changed: number;
  docCount: number;
  bytes: number;
  attempts: number;
  compacted: boolean;
}

export interface PublisherOptions {
  /** @default 20 */ maxAttempts?: number;
  /** Delta segments on one base before the base is rewritten. @default 16 */ maxDeltas?: number;
  /** The clock pruning measures the age of replaced bases by. @default Date.now */ now?: () => number;
}

export class IndexPublisher {
  /** The last version this container loaded or published: saves a download when nobody else published. */
  private cached: ReadoutIndex | null = null;
  private readonly maxAttempts: number;
  private readonly maxDeltas: number;
  private readonly now: () => number;

  constructor(
    private readonly table: IndexTable,
    private readonly artifacts: IndexArtifacts,
    options: PublisherOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 20;
    this.maxDeltas = options.maxDeltas ?? 16;
    this.now = options.now ?? Date.now;
  }

  private async load(pointer: IndexPointer | null): Promise<ReadoutIndex> {
    if (!pointer) return new ReadoutIndex();
    if (this.cached && this.cached.version === pointer.version) return this.cached;
    this.cached = null;
    // Opened by range: a delta needs only the changed readouts' records, not the whole base.
    return this.artifacts.open(pointer);
  }

  private async publishFull(
    index: ReadoutIndex,
    expected: IndexPointer | null,
  ): Promise<{ ok: boolean; pointer: IndexPointer; bytes: number }> {
    const version = (expected?.version ?? 0) + 1;
    const { key, bytes } = await this.artifacts.write(index, version);
    const pointer: IndexPointer = {
      version,
      key,
      baseVersion: version,
      deltas: [],
      docCount: index.size,
      publishedAt: new Date().toISOString(),
    };
    return { ok: await this.swap(index, expected, pointer), pointer, bytes };
  }

  private async publishDelta(
    index: ReadoutIndex,
    expected: IndexPointer,
    upserts: SearchDoc[],
    removes: string[],
  ): Promise<{ ok: boolean; pointer: IndexPointer; bytes: number }> {
    const version = expected.version + 1;
    const baseVersion = expected.baseVersion ?? expected.version;
    const { key, bytes } = await this.artifacts.writeDelta(version, baseVersion, upserts, removes);
    const pointer: IndexPointer = {
      version,
      key: expected.key,
      baseVersion,
      deltas: [...(expected.deltas ?? []), key],
      docCount: index.size,
      publishedAt: new Date().toISOString(),
    };
    return { ok: await this.swap(index, expected, pointer), pointer, bytes };
  }

  private async swap(index: ReadoutIndex, expected: IndexPointer | null, pointer: IndexPointer): Promise<boolean> {
    const ok = await this.table.swapIndexPointer(expected?.version ?? null, pointer);
    if (ok) {
      index.version = pointer.version;
      this.cached = index;
      await this.artifacts.writePointerMirror(pointer).catch(() => undefined); // a mirror only; the table is the truth
      // Housekeeping after a new base: older bases and their deltas are garbage (best effort).
      if (!pointer.deltas?.length)
        await this.artifacts.prune(pointer.version, { now: this.now() }).catch(() => undefined);
    }
    return ok;
  }

  async applyChanges(readoutIds: Iterable<string>): Promise<PublishResult | null> {
    const ids = [...new Set(readoutIds)];
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const pointer = await this.table.getIndexPointer();
      let index: ReadoutIndex;
      try {
        index = await this.load(pointer);
      } catch (e) {
        this.cached = null;
        // A base from an older release cannot be extended: rebuild it from the table (which includes these changes).
        if (e instanceof UnsupportedArtifactError) return this.rebuild();
        throw e;
      }
      // The changes below mutate `index`, which may be the cached copy of `pointer`'s version: until
      // the swap succeeds it is no longer that version, so nothing may find it cached. Were a write
      // or the swap to throw (a throttle, a 5xx), the retry would otherwise see the change "already
      // applied" and publish nothing. A successful swap caches it again under its new version.
      this.cached = null;
      const upserts: SearchDoc[] = [];
      const removes: string[] = [];
      for (const id of ids) {
        const readout = await this.table.getReadout(id);
        const current = await index.getAsync(id);
        if (!readout) {
          if (index.remove(id)) removes.push(id);
        } else if (!current || current.version !== readout.sequencer) {
          const doc = toSearchDoc(readout, readout.sequencer);
          index.upsert(doc);
          upserts.push(doc);
        }
      }
      const changed = upserts.length + removes.length;
      if (!changed) return null;
      const compact = !pointer || (pointer.deltas?.length ?? 0) >= this.maxDeltas;
      if (compact) await index.complete(); // compaction rewrites every readout
      const r = compact
        ? await this.publishFull(index, pointer)
        : await this.publishDelta(index, pointer!, upserts, removes);
      if (r.ok)
        return {
          version: r.pointer.version,
          changed,
          docCount: index.size,
          bytes: r.bytes,
          attempts: attempt,
          compacted: compact,
        };
      await new Promise((res) => setTimeout(res, Math.random() * 50 * attempt));
    }
    throw new Error(`index publication lost the race ${this.maxAttempts} times`);
  }

  /** Builds the index from the table alone: the index can always be reconstructed. */
  async rebuild(): Promise<PublishResult> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const pointer = await this.table.getIndexPointer();
      const index = new ReadoutIndex();
      for await (const summary of this.table.listReadouts()) {
        const readout = await this.table.getReadout(summary.id);
        if (readout) index.upsert(toSearchDoc(readout, readout.sequencer));
      }
      const r = await this.publishFull(index, pointer);
      if (r.ok)
        return {
          version: r.pointer.version,
          changed: index.size,
          docCount: index.size,
          bytes: r.bytes,
          attempts: attempt,
          compacted: true,
        };
      this.cached = null;
    }
    throw new Error(`index rebuild lost the race ${this.maxAttempts} times`);
  }
}
