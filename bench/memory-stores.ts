/** In-memory stand-ins for the two store interfaces, for benchmarks and unit tests of the publisher. */
import type { ObjectStore } from '../shared/store/object-store.ts';
import type { IndexPointer, ReadoutSummary, ReadoutTable } from '../shared/store/readout-table.ts';
import type { Readout } from '../shared/readout/types.ts';

export class MemoryObjects implements ObjectStore {
  readonly data = new Map<string, Uint8Array>();
  written = 0;
  async head(_b: string, k: string) { const d = this.data.get(k); return d ? { size: d.length, etag: null, versionId: null, contentType: null } : null; }
  async get(b: string, k: string, _ifMatch?: string) { const d = this.data.get(k); return d ? { head: (await this.head(b, k))!, body: d } : null; }
  async getRange(_b: string, k: string, start: number, end: number) { return this.data.get(k)!.subarray(start, end); }
  async put(_b: string, k: string, body: Uint8Array | string) { const d = typeof body === 'string' ? Buffer.from(body) : body; this.written += d.length; this.data.set(k, d); }
  async *list(_b: string, prefix: string) { for (const [key, d] of this.data) if (key.startsWith(prefix)) yield { key, etag: null, size: d.length }; }
  async delete(_b: string, k: string) { this.data.delete(k); }
}

export class MemoryTable {
  readouts = new Map<string, Readout & { sequencer: string }>();
  pointer: IndexPointer | null = null;
  async getIndexPointer() { return this.pointer && { ...this.pointer }; }
  async swapIndexPointer(expected: number | null, next: IndexPointer) {
    if ((this.pointer?.version ?? null) !== expected) return false;
    this.pointer = next;
    return true;
  }
  async getReadout(id: string) { return this.readouts.get(id) ?? null; }
  async *listReadouts(): AsyncGenerator<ReadoutSummary> { for (const r of this.readouts.values()) yield { id: r.id, key: r.source.key, sequencer: r.sequencer }; }
  asTable(): ReadoutTable { return this as unknown as ReadoutTable; }
}
