/**
 * Index artifacts in S3: immutable, versioned objects (`index/versions/<version>-<nonce>.json.gz`)
 * plus a mirror of the current pointer (`index/current.json`) for people and tools. The authoritative
 * pointer lives in DynamoDB, where compare-and-set makes publication safe under concurrency.
 */
import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ReadoutIndex, type IndexArtifact } from '../search/readout-index.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { IndexPointer } from '../store/readout-table.ts';

export const CURRENT_POINTER_KEY = 'index/current.json';
export const artifactKey = (version: number) => `index/versions/${String(version).padStart(10, '0')}-${randomBytes(4).toString('hex')}.json.gz`;

export class IndexArtifacts {
  constructor(private readonly objects: ObjectStore, private readonly bucket: string) {}

  async write(index: ReadoutIndex, version: number): Promise<{ key: string; bytes: number }> {
    const key = artifactKey(version);
    const body = gzipSync(Buffer.from(JSON.stringify(index.toArtifact(version))));
    await this.objects.put(this.bucket, key, body, 'application/gzip');
    return { key, bytes: body.length };
  }

  async read(pointer: IndexPointer): Promise<ReadoutIndex> {
    const obj = await this.objects.get(this.bucket, pointer.key);
    if (!obj) throw new Error(`index artifact ${pointer.key} (version ${pointer.version}) is missing`);
    const artifact = JSON.parse(gunzipSync(obj.body).toString('utf8')) as IndexArtifact;
    if (artifact.version !== pointer.version) throw new Error(`index artifact ${pointer.key} holds version ${artifact.version}, pointer says ${pointer.version}`);
    return ReadoutIndex.fromArtifact(artifact);
  }

  /**
   * Deletes artifacts more than `keep` versions behind `current`. Readers only ever load the version
   * the pointer names (or one just superseded), so old versions are safe to remove.
   */
  async prune(current: number, keep = 5): Promise<number> {
    let removed = 0;
    for await (const o of this.objects.list(this.bucket, 'index/versions/')) {
      const version = Number(/versions\/(\d+)-/.exec(o.key)?.[1]);
      if (Number.isFinite(version) && version < current - keep) { await this.objects.delete(this.bucket, o.key); removed++; }
    }
    return removed;
  }

  async writePointerMirror(pointer: IndexPointer): Promise<void> {
    await this.objects.put(this.bucket, CURRENT_POINTER_KEY, JSON.stringify(pointer), 'application/json');
  }
}
