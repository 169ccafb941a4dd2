/**
 * Index artifacts in S3, all immutable: full bases (`index/versions/<version>-<nonce>.json.gz`) and
 * the small delta segments published on top of them (`index/deltas/<version>-<nonce>.json.gz`), plus
 * a mirror of the current pointer (`index/current.json`) for people and tools. The authoritative
 * pointer lives in DynamoDB, where compare-and-set makes publication safe under concurrency.
 */
import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DELTA_FORMAT, ReadoutIndex, type IndexArtifact, type IndexDelta } from '../search/readout-index.ts';
import type { SearchDoc } from '../search/search-doc.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { IndexPointer } from '../store/readout-table.ts';

export const CURRENT_POINTER_KEY = 'index/current.json';
export const artifactKey = (version: number) => `index/versions/${String(version).padStart(10, '0')}-${randomBytes(4).toString('hex')}.json.gz`;
export const deltaKey = (version: number) => `index/deltas/${String(version).padStart(10, '0')}-${randomBytes(4).toString('hex')}.json.gz`;
const versionOfKey = (key: string) => Number(/\/(\d+)-[0-9a-f]+\.json\.gz$/.exec(key)?.[1]);

export class IndexArtifacts {
  constructor(private readonly objects: ObjectStore, private readonly bucket: string) {}

  async write(index: ReadoutIndex, version: number): Promise<{ key: string; bytes: number }> {
    const key = artifactKey(version);
    const body = gzipSync(Buffer.from(JSON.stringify(index.toArtifact(version))));
    await this.objects.put(this.bucket, key, body, 'application/gzip');
    return { key, bytes: body.length };
  }

  async writeDelta(version: number, baseVersion: number, upserts: SearchDoc[], removes: string[]): Promise<{ key: string; bytes: number }> {
    const key = deltaKey(version);
    const delta: IndexDelta = { format: DELTA_FORMAT, version, baseVersion, upserts, removes };
    const body = gzipSync(Buffer.from(JSON.stringify(delta)));
    await this.objects.put(this.bucket, key, body, 'application/gzip');
    return { key, bytes: body.length };
  }

  async readDelta(key: string): Promise<IndexDelta> {
    const obj = await this.objects.get(this.bucket, key);
    if (!obj) throw new Error(`index delta ${key} is missing`);
    const delta = JSON.parse(gunzipSync(obj.body).toString('utf8')) as IndexDelta;
    if (delta.format !== DELTA_FORMAT) throw new Error(`unsupported index delta format in ${key}`);
    return delta;
  }

  /** The base artifact alone. */
  async readBase(pointer: IndexPointer): Promise<ReadoutIndex> {
    const obj = await this.objects.get(this.bucket, pointer.key);
    if (!obj) throw new Error(`index artifact ${pointer.key} (version ${pointer.baseVersion ?? pointer.version}) is missing`);
    const artifact = JSON.parse(gunzipSync(obj.body).toString('utf8')) as IndexArtifact;
    const expected = pointer.baseVersion ?? pointer.version;
    if (artifact.version !== expected) throw new Error(`index artifact ${pointer.key} holds version ${artifact.version}, pointer says ${expected}`);
    return ReadoutIndex.fromArtifact(artifact);
  }

  /** The whole version the pointer names: its base with every delta applied in order. */
  async read(pointer: IndexPointer): Promise<ReadoutIndex> {
    const index = await this.readBase(pointer);
    const deltas = await Promise.all((pointer.deltas ?? []).map((k) => this.readDelta(k)));
    for (const d of deltas) index.applyDelta(d);
    index.version = pointer.version;
    return index;
  }

  /**
   * Deletes artifacts more than `keep` versions behind `current`. Readers only ever load the version
   * the pointer names (or one just superseded), so old versions are safe to remove.
   */
  async prune(current: number, keep = 5): Promise<number> {
    let removed = 0;
    for (const prefix of ['index/versions/', 'index/deltas/']) {
      for await (const o of this.objects.list(this.bucket, prefix)) {
        const version = versionOfKey(o.key);
        if (Number.isFinite(version) && version < current - keep) { await this.objects.delete(this.bucket, o.key); removed++; }
      }
    }
    return removed;
  }

  async writePointerMirror(pointer: IndexPointer): Promise<void> {
    await this.objects.put(this.bucket, CURRENT_POINTER_KEY, JSON.stringify(pointer), 'application/json');
  }
}
