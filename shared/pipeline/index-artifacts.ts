/**
 * Index artifacts in S3, all immutable: full bases, each two objects — the segment search loads
 * (`index/versions/<version>-<nonce>.idx`) and its doc store (`….docs`, the readouts' sentences,
 * read only for results shown) — and the small delta segments published on top of them
 * (`index/deltas/<version>-<nonce>.json.gz`), plus
 * a mirror of the current pointer (`index/current.json`) for people and tools. The authoritative
 * pointer lives in DynamoDB, where compare-and-set makes publication safe under concurrency.
 */
import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DELTA_FORMAT, ReadoutIndex, type IndexDelta } from '../search/readout-index.ts';
import type { SearchDoc } from '../search/search-doc.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { ByteSource } from '../search/binary.ts';
import type { IndexPointer } from '../store/readout-table.ts';

export const CURRENT_POINTER_KEY = 'index/current.json';
export const artifactKey = (version: number) =>
  `index/versions/${String(version).padStart(10, '0')}-${randomBytes(4).toString('hex')}.idx`;
/** The doc store that goes with a base segment. */
export const docStoreKey = (indexKey: string) => indexKey.replace(/\.idx$/, '.docs');
export const deltaKey = (version: number) =>
  `index/deltas/${String(version).padStart(10, '0')}-${randomBytes(4).toString('hex')}.json.gz`;
const versionOfKey = (key: string) => Number(/\/(\d+)-[0-9a-f]+\.(?:json\.gz|idx|docs)$/.exec(key)?.[1]);

export interface PruneOptions {
  /** Versions behind the current one that always stay. @default 5 */ keep?: number;
  /** How long a replaced base stays readable after its successor appeared. @default 1 hour */ minAgeMs?: number;
  /** The clock, for tests. @default Date.now() */ now?: number;
}
export const PRUNE_DEFAULTS = { keep: 5, minAgeMs: 60 * 60 * 1000 } as const;

/** A base written by an older release: the publisher rebuilds from the table instead. */
export class UnsupportedArtifactError extends Error {}

export class IndexArtifacts {
  constructor(
    private readonly objects: ObjectStore,
    private readonly bucket: string,
  ) {}

  async write(index: ReadoutIndex, version: number): Promise<{ key: string; bytes: number }> {
    const key = artifactKey(version);
    const { index: segment, docs } = index.toArtifact(version);
    // The doc store first: a reader that sees the segment's key finds its readouts in place.
    await this.objects.put(this.bucket, docStoreKey(key), docs, 'application/octet-stream');
    await this.objects.put(this.bucket, key, segment, 'application/octet-stream');
    return { key, bytes: segment.length + docs.length };
  }

  async writeDelta(
    version: number,
    baseVersion: number,
    upserts: SearchDoc[],
    removes: string[],
  ): Promise<{ key: string; bytes: number }> {
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

  /** The whole version the pointer names, in memory: its base with every delta applied in order. */
  read(pointer: IndexPointer): Promise<ReadoutIndex> {
    return this.assemble(pointer, async () => {
      // Both halves in parallel: the load waits for the larger one, not for the sum.
      const [segment, docs] = await Promise.all([
        this.objects.get(this.bucket, pointer.key),
        this.objects.get(this.bucket, docStoreKey(pointer.key)),
      ]);
      if (!segment || !docs)
        throw new Error(`index artifact ${pointer.key} (version ${pointer.baseVersion ?? pointer.version}) is missing`);
      return ReadoutIndex.fromArtifact({ index: segment.body, docs: docs.body });
    });
  }

  /**
   * The same version with its base read by range: ready to search once the header, the hot
   * sections and the deltas are in; the rest arrives in the background (`complete`).
   */
  open(pointer: IndexPointer): Promise<ReadoutIndex> {
    const source = (key: string): ByteSource => ({ read: (start, end) => this.readRange(key, start, end) });
    return this.assemble(pointer, () =>
      ReadoutIndex.openLazy({ index: source(pointer.key), docs: source(docStoreKey(pointer.key)) }),
    );
  }

  private async assemble(pointer: IndexPointer, loadBase: () => Promise<ReadoutIndex>): Promise<ReadoutIndex> {
    if (!pointer.key.endsWith('.idx'))
      throw new UnsupportedArtifactError(
        `index artifact ${pointer.key} has an older format: rebuild the index (npm run reindex)`,
      );
    const [index, deltas] = await Promise.all([
      loadBase(),
      Promise.all((pointer.deltas ?? []).map((k) => this.readDelta(k))),
    ]);
    const expected = pointer.baseVersion ?? pointer.version;
    if (index.version !== expected)
      throw new Error(`index artifact ${pointer.key} holds version ${index.version}, pointer says ${expected}`);
    for (const d of deltas) index.applyDelta(d);
    index.version = pointer.version;
    return index;
  }

  /** Large ranges in parallel parts: one connection to S3 carries far less than several. */
  private async readRange(key: string, start: number, end: number): Promise<Uint8Array> {
    const PART = 8 * 1024 * 1024;
    if (end - start <= PART) return this.objects.getRange(this.bucket, key, start, end);
    const out = new Uint8Array(end - start);
    const parts: Array<[number, number]> = [];
    for (let a = start; a < end; a += PART) parts.push([a, Math.min(end, a + PART)]);
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < parts.length) {
          const [a, b] = parts[next++]!;
          out.set(await this.objects.getRange(this.bucket, key, a, b), a - start);
        }
      }),
    );
    return out;
  }

  /**
   * Deletes the artifacts no reader can still be on. A search function that loaded a base keeps
   * reading it by range (its background load, the doc store) until it has swapped in a newer one,
   * which it does at its first pointer check after that base appeared (before answering). So a
   * generation (a base and the deltas on it) goes only once the base that replaced it has existed
   * for `minAgeMs`, and nothing within `keep` versions of `current` goes. The current generation
   * always stays; artifacts of failed publications fall with their generation.
   */
  async prune(current: number, options: PruneOptions = {}): Promise<number> {
    const { keep = PRUNE_DEFAULTS.keep, minAgeMs = PRUNE_DEFAULTS.minAgeMs, now = Date.now() } = options;
    const listed: Array<{ key: string; version: number; lastModified: number }> = [];
    for (const prefix of ['index/versions/', 'index/deltas/']) {
      for await (const o of this.objects.list(this.bucket, prefix)) {
        const version = versionOfKey(o.key);
        if (Number.isFinite(version)) listed.push({ key: o.key, version, lastModified: o.lastModified });
      }
    }
    // Bases (segments) up to the current one, newest first.
    const bases = listed
      .filter((o) => o.key.endsWith('.idx') && o.version <= current)
      .sort((a, b) => b.version - a.version);
    // The newest base that has existed for minAgeMs: every generation before it has been replaced that long.
    const settled = bases.find((b) => b.lastModified <= now - minAgeMs);
    if (!settled) return 0;
    const cutoff = Math.min(settled.version, current - keep);
    let removed = 0;
    for (const o of listed)
      if (o.version < cutoff) {
        await this.objects.delete(this.bucket, o.key);
        removed++;
      }
    return removed;
  }

  async writePointerMirror(pointer: IndexPointer): Promise<void> {
    await this.objects.put(this.bucket, CURRENT_POINTER_KEY, JSON.stringify(pointer), 'application/json');
  }
}
