/**
 * Keeps the published index equal to the table. `applyChanges` re-reads each changed readout from
 * the table (so event order and duplicates do not matter), applies it to the current version, and
 * publishes the next version with a compare-and-set on the pointer; on a lost race it starts over
 * from the winner's version, so no update is ever lost. `rebuild` does the same from a full scan.
 */
import { toSearchDoc } from '../search/search-doc.ts';
import { ReadoutIndex } from '../search/readout-index.ts';
import type { IndexPointer, ReadoutTable } from '../store/readout-table.ts';
import type { IndexArtifacts } from './index-artifacts.ts';

export interface PublishResult { version: number; changed: number; docCount: number; bytes: number; attempts: number }

export class IndexPublisher {
  /** The last version this container loaded or published: saves a download when nobody else published. */
  private cached: ReadoutIndex | null = null;

  constructor(private readonly table: ReadoutTable, private readonly artifacts: IndexArtifacts, private readonly maxAttempts = 20) {}

  private async load(pointer: IndexPointer | null): Promise<ReadoutIndex> {
    if (!pointer) return new ReadoutIndex();
    if (this.cached && this.cached.version === pointer.version) return this.cached;
    this.cached = null;
    return this.artifacts.read(pointer);
  }

  private async publish(index: ReadoutIndex, expected: IndexPointer | null): Promise<{ ok: boolean; pointer: IndexPointer; bytes: number }> {
    const version = (expected?.version ?? 0) + 1;
    const { key, bytes } = await this.artifacts.write(index, version);
    const pointer: IndexPointer = { version, key, docCount: index.size, publishedAt: new Date().toISOString() };
    const ok = await this.table.swapIndexPointer(expected?.version ?? null, pointer);
    if (ok) {
      index.version = version;
      this.cached = index;
      await this.artifacts.writePointerMirror(pointer).catch(() => undefined); // a mirror only; the table is the truth
      // Old versions are garbage; pruning is best-effort housekeeping (every tenth version).
      if (version % 10 === 0) await this.artifacts.prune(version).catch(() => undefined);
    }
    return { ok, pointer, bytes };
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
        throw e;
      }
      let changed = 0;
      for (const id of ids) {
        const readout = await this.table.getReadout(id);
        const current = index.get(id);
        if (!readout) {
          if (index.remove(id)) changed++;
        } else if (!current || current.version !== readout.sequencer) {
          index.upsert(toSearchDoc(readout, readout.sequencer));
          changed++;
        }
      }
      if (!changed) return null;
      const r = await this.publish(index, pointer);
      if (r.ok) return { version: r.pointer.version, changed, docCount: index.size, bytes: r.bytes, attempts: attempt };
      this.cached = null; // our copy has changes on top of a stale version: drop it
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
      const r = await this.publish(index, pointer);
      if (r.ok) return { version: r.pointer.version, changed: index.size, docCount: index.size, bytes: r.bytes, attempts: attempt };
      this.cached = null;
    }
    throw new Error(`index rebuild lost the race ${this.maxAttempts} times`);
  }
}
