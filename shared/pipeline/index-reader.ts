/**
 * The search function's view of the index: loaded on cold start, the pointer re-checked at most
 * every `pollMs`. When only new delta segments were published on the same base, just those are
 * fetched and applied (synchronously, after all have arrived: a request never sees half of one);
 * a new base is loaded completely before it replaces the current index. At cold start the base is
 * opened by range (searchable once its hot sections are in) and completed in the background.
 */
import { ReadoutIndex } from '../search/readout-index.ts';
import type { IndexPointer, IndexTable } from '../store/readout-table.ts';
import type { IndexArtifacts } from './index-artifacts.ts';

export class IndexReader {
  private index = new ReadoutIndex();
  private loaded: IndexPointer | null = null;
  private checkedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly table: IndexTable,
    private readonly artifacts: IndexArtifacts,
    private readonly pollMs: number,
    private readonly now = () => Date.now(),
  ) {}

  get version(): number {
    return this.index.version;
  }

  async current(): Promise<ReadoutIndex> {
    if (this.now() - this.checkedAt >= this.pollMs) {
      this.loading ??= this.refresh().finally(() => {
        this.loading = null;
      });
      await this.loading;
    }
    return this.index;
  }

  private async refresh(): Promise<void> {
    const pointer = await this.table.getIndexPointer();
    this.checkedAt = this.now();
    if (!pointer || pointer.version <= this.index.version) return;
    const have = this.loaded?.deltas ?? [];
    const sameBase = this.loaded?.key === pointer.key && have.every((k, i) => pointer.deltas?.[i] === k);
    if (sameBase) {
      const fresh = await Promise.all(
        (pointer.deltas ?? []).slice(have.length).map((k) => this.artifacts.readDelta(k)),
      );
      if (pointer.version <= this.index.version) return;
      for (const d of fresh) this.index.applyDelta(d);
      this.index.version = pointer.version;
    } else if (!this.loaded) {
      // Cold start: searchable as soon as the hot sections are in; the rest follows in the background.
      const next = await this.artifacts.open(pointer);
      if (next.version <= this.index.version) return;
      this.index = next;
      next.complete().catch(() => undefined); // a failed background read is retried by the next query that needs it
    } else {
      const next = await this.artifacts.read(pointer); // a new base is fully loaded before it becomes visible
      if (next.version <= this.index.version) return;
      this.index = next;
    }
    this.loaded = pointer;
  }
}
