/**
 * Index publication under concurrency, on DynamoDB Local + s3rver. s3rver ignores conditional
 * writes, so publication is fenced by a compare-and-set on the pointer item in DynamoDB (which
 * DynamoDB Local does enforce); a negative control shows the test would catch a lost update.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { docStoreKey, IndexArtifacts } from '../../shared/pipeline/index-artifacts.ts';
import { IndexPublisher } from '../../shared/pipeline/index-publisher.ts';
import { IndexReader } from '../../shared/pipeline/index-reader.ts';
import { S3ObjectStore } from '../../shared/store/object-store.ts';
import { DynamoReadoutTable, type IndexPointer, type ReadoutTable } from '../../shared/store/readout-table.ts';
import { parseReadout } from '../../shared/readout/parse.ts';
import { readoutIdFor } from '../../shared/pipeline/readout-id.ts';
import { documentClient } from '../../shared/store/aws-clients.ts';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';

let h: Harness;
let table: DynamoReadoutTable;
let artifacts: IndexArtifacts;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  // The stream-driven index function runs too: one more concurrent publisher.
  h = await startHarness();
  table = new DynamoReadoutTable(h.stack.tableName);
  artifacts = new IndexArtifacts(new S3ObjectStore(), h.stack.indexBucket);
});
afterAll(async () => {
  await h?.stack.stop();
});

let seq = 0;
async function storeReadouts(prefix: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const key = `readouts/${prefix}/${i}.txt`;
    const id = readoutIdFor(h.stack.inboxBucket, key);
    const r = parseReadout({
      id,
      format: 'txt',
      text: `Call ${i}\n2024-01-01 10:00:00 UTC\nNA\n\nRufus Firefly discussed ${prefix}topic${i} with Vera Marena.`,
      source: { bucket: h.stack.inboxBucket, key, etag: null },
    });
    await table.putReadout(r, String(++seq).padStart(32, '0'));
    ids.push(id);
  }
  return ids;
}

/** Random delays around every adapter call: randomised interleavings (harness-side fault injection). */
function jitter<T extends object>(target: T, maxMs: number): T {
  return new Proxy(target, {
    get(obj, prop, recv) {
      const v = Reflect.get(obj, prop, recv);
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        await sleep(Math.random() * maxMs);
        const r = await v.apply(obj, args);
        await sleep(Math.random() * maxMs);
        return r;
      };
    },
  });
}

async function publishedIds(): Promise<Set<string>> {
  const pointer = await table.getIndexPointer();
  const index = await artifacts.read(pointer!);
  return new Set([...index.all()].map((d) => d.id));
}

describe('concurrent index updates', () => {
  it('lose no update under randomised interleavings, while readers only ever see complete versions', async () => {
    const ids = await storeReadouts('conc', 36);
    const reader = new IndexReader(table, artifacts, 0);
    let reads = 0;
    let stop = false;
    // A reader polling throughout: every version it loads must be whole (version and size match the pointer).
    const readerLoop = (async () => {
      while (!stop) {
        const pointer = await table.getIndexPointer();
        if (pointer) {
          const idx = await artifacts.read(pointer);
          expect(idx.version).toBe(pointer.version);
          expect(idx.size).toBe(pointer.docCount);
          reads++;
        }
        await reader.current();
        await sleep(5);
      }
    })();
    const publishers = Array.from(
      { length: 6 },
      () => new IndexPublisher(jitter<ReadoutTable>(table, 15), jitter(artifacts, 15), { maxAttempts: 200 }),
    );
    for (let round = 0; round < 3; round++) {
      await Promise.all(publishers.map((p, k) => p.applyChanges(ids.filter((_, i) => (i + round) % 6 === k))));
    }
    stop = true;
    await readerLoop;
    const published = await publishedIds();
    for (const id of ids) expect(published.has(id)).toBe(true);
    expect(reads).toBeGreaterThan(0);
  }, 120_000);

  it('old artifact versions are pruned once their successor has been readable long enough', async () => {
    // Force a new base, then prune: a just-replaced base stays (readers may still be on it); once
    // the new base counts as old enough, everything more than 2 versions behind it goes.
    await storeReadouts('prune', 1);
    await sleep(2000); // the stream-driven index function publishes it as a delta first
    const previous = (await table.getIndexPointer())!;
    await new IndexPublisher(table, artifacts).rebuild();
    const pointer = (await table.getIndexPointer())!;
    expect(pointer.deltas).toEqual([]);
    const keys = async () => {
      const out: string[] = [];
      for (const prefix of ['index/versions/', 'index/deltas/'])
        for await (const o of new S3ObjectStore().list(h.stack.indexBucket, prefix)) out.push(o.key);
      return out;
    };
    await artifacts.prune(pointer.version, { keep: 0 });
    expect(await keys()).toContain(previous.key); // replaced seconds ago: a reader may still be reading it
    await artifacts.prune(pointer.version, { keep: 2, now: Date.now() + 2 * 3_600_000 });
    const left = await keys();
    const versions = left.map((k) => Number(/\/(\d+)-[0-9a-f]+\.(?:json\.gz|idx|docs)$/.exec(k)![1]));
    expect(Math.min(...versions)).toBeGreaterThanOrEqual(pointer.version - 2);
    expect(left).toContain(pointer.key);
    expect(left).toContain(docStoreKey(pointer.key)); // a base is its segment and its doc store
    expect((await artifacts.read(pointer)).size).toBe(pointer.docCount);
  });

  it('negative control: without the compare-and-set, the same race loses an update', async () => {
    const [a, b] = await storeReadouts('naive', 2);
    await sleep(3000); // let the stream-driven index function publish them first
    await new IndexPublisher(table, artifacts).applyChanges([a!, b!]);
    // Remove both from the published index again, fenced, so the race below starts from a known base.
    const base = await table.getIndexPointer();
    const idx = await artifacts.read(base!);
    idx.remove(a!);
    idx.remove(b!);
    const written = await artifacts.write(idx, base!.version + 1);
    expect(
      await table.swapIndexPointer(base!.version, {
        version: base!.version + 1,
        key: written.key,
        baseVersion: base!.version + 1,
        deltas: [],
        docCount: idx.size,
        publishedAt: new Date().toISOString(),
      }),
    ).toBe(true);

    // Two publishers read the same pointer (a barrier), then each writes "blindly": it moves the
    // pointer to its own artifact whatever happened since it read — no compare-and-set on its base.
    let waiting = 0;
    let release!: () => void;
    const barrier = new Promise<void>((r) => {
      release = r;
    });
    const blind = (): ReadoutTable => {
      let first = true;
      return new Proxy(table, {
        get(obj, prop, recv) {
          if (prop === 'getIndexPointer')
            return async () => {
              const p = await obj.getIndexPointer();
              if (first) {
                first = false;
                if (++waiting === 2) release();
                await barrier;
              }
              return p;
            };
          if (prop === 'swapIndexPointer')
            return async (_expected: number | null, next: IndexPointer) => {
              await documentClient().send(
                new UpdateCommand({
                  TableName: h.stack.tableName,
                  Key: { pk: 'INDEX', sk: 'POINTER' },
                  UpdateExpression:
                    'SET version = :v, #k = :k, docCount = :c, publishedAt = :t, baseVersion = :b, deltas = :d',
                  ExpressionAttributeNames: { '#k': 'key' },
                  ExpressionAttributeValues: {
                    ':v': next.version,
                    ':k': next.key,
                    ':c': next.docCount,
                    ':t': next.publishedAt,
                    ':b': next.baseVersion ?? next.version,
                    ':d': next.deltas ?? [],
                  },
                }),
              );
              return true;
            };
          return Reflect.get(obj, prop, recv);
        },
      });
    };
    await Promise.all([
      new IndexPublisher(blind(), artifacts, { maxAttempts: 1 }).applyChanges([a!]),
      new IndexPublisher(blind(), artifacts, { maxAttempts: 1 }).applyChanges([b!]),
    ]);
    const published = await publishedIds();
    // One of the two updates is gone: exactly what the fenced publisher prevents (first test).
    expect(published.has(a!) && published.has(b!)).toBe(false);
    // And the fenced publisher repairs the drift, as `npm run reconcile` does.
    await new IndexPublisher(table, artifacts).applyChanges([a!, b!]);
    const repaired = await publishedIds();
    expect(repaired.has(a!) && repaired.has(b!)).toBe(true);
  }, 60_000);
});
