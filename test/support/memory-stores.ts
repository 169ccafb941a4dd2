/**
 * In-memory implementations of the object-store and index-table ports, for unit tests of the
 * publisher and for benchmarks. They implement the same interfaces the S3 and DynamoDB adapters do,
 * so the compiler keeps them honest; DynamoDB and S3 behaviour itself is covered by the integration
 * tests against DynamoDB Local and s3rver.
 */
import type { ListedObject, ObjectHead, ObjectStore } from '../../shared/store/object-store.ts';
import type { IndexPointer, IndexTable, ReadoutSummary } from '../../shared/store/readout-table.ts';
import type { Readout } from '../../shared/readout/types.ts';

export class MemoryObjects implements ObjectStore {
  readonly data = new Map<string, { body: Uint8Array; lastModified: number }>();
  written = 0;
  /** The clock stamped on each put, for tests of age-based rules. */
  now = () => Date.now();

  async head(_bucket: string, key: string): Promise<ObjectHead | null> {
    const d = this.data.get(key);
    return d ? { size: d.body.length, etag: null, versionId: null, contentType: null } : null;
  }
  async get(bucket: string, key: string): Promise<{ head: ObjectHead; body: Uint8Array } | null> {
    const d = this.data.get(key);
    return d ? { head: (await this.head(bucket, key))!, body: d.body } : null;
  }
  async getRange(_bucket: string, key: string, start: number, end: number): Promise<Uint8Array> {
    const d = this.data.get(key);
    if (!d) throw Object.assign(new Error(`NoSuchKey: ${key}`), { name: 'NoSuchKey' });
    return d.body.subarray(start, end);
  }
  async put(_bucket: string, key: string, body: Uint8Array | string): Promise<void> {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    this.written += bytes.length;
    this.data.set(key, { body: bytes, lastModified: this.now() });
  }
  async *list(_bucket: string, prefix: string): AsyncGenerator<ListedObject> {
    for (const [key, d] of [...this.data].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (key.startsWith(prefix)) yield { key, etag: null, size: d.body.length, lastModified: d.lastModified };
    }
  }
  async delete(_bucket: string, key: string): Promise<void> {
    this.data.delete(key);
  }
}

export class MemoryTable implements IndexTable {
  readonly readouts = new Map<string, Readout & { sequencer: string }>();
  pointer: IndexPointer | null = null;

  async getIndexPointer(): Promise<IndexPointer | null> {
    return this.pointer && { ...this.pointer };
  }
  async swapIndexPointer(expected: number | null, next: IndexPointer): Promise<boolean> {
    if ((this.pointer?.version ?? null) !== expected) return false;
    this.pointer = next;
    return true;
  }
  async getReadout(id: string): Promise<(Readout & { sequencer: string }) | null> {
    return this.readouts.get(id) ?? null;
  }
  async *listReadouts(): AsyncGenerator<ReadoutSummary> {
    for (const r of this.readouts.values()) yield { id: r.id, key: r.source.key, sequencer: r.sequencer };
  }
}
