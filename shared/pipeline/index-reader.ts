/**
 * The search function's view of the index: loaded on cold start, the pointer re-checked at most
 * every `pollMs`, and a newer version swapped in only after it has been fully loaded.
 */
import { ReadoutIndex } from '../search/readout-index.ts';
import type { ReadoutTable } from '../store/readout-table.ts';
import type { IndexArtifacts } from './index-artifacts.ts';

export class IndexReader {
  private index = new ReadoutIndex();
  private checkedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly table: ReadoutTable, private readonly artifacts: IndexArtifacts, private readonly pollMs: number, private readonly now = () => Date.now()) {}

  get version(): number { return this.index.version; }

  async current(): Promise<ReadoutIndex> {
    if (this.now() - this.checkedAt >= this.pollMs) {
      this.loading ??= this.refresh().finally(() => { this.loading = null; });
      await this.loading;
    }
    return this.index;
  }

  private async refresh(): Promise<void> {
    const pointer = await this.table.getIndexPointer();
    this.checkedAt = this.now();
    if (!pointer || pointer.version <= this.index.version) return;
    const next = await this.artifacts.read(pointer); // fully loaded before it becomes visible
    if (next.version > this.index.version) this.index = next;
  }
}
