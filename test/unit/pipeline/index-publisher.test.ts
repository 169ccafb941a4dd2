/**
 * Publication cost, delta segments, fault tolerance and pruning, on in-memory implementations of
 * the two small store ports (the DynamoDB/S3 behaviour itself is covered by the integration tests).
 */
import { describe, expect, it } from 'vitest';
import { IndexArtifacts } from '../../../shared/pipeline/index-artifacts.ts';
import { IndexPublisher } from '../../../shared/pipeline/index-publisher.ts';
import { IndexReader } from '../../../shared/pipeline/index-reader.ts';
import { parseReadout } from '../../../shared/readout/parse.ts';
import type { IndexTable } from '../../../shared/store/readout-table.ts';
import type { ObjectStore } from '../../../shared/store/object-store.ts';
import { MemoryObjects, MemoryTable } from '../../support/memory-stores.ts';
import type { Readout } from '../../../shared/readout/types.ts';

function readout(i: number, seq = '1'): Readout & { sequencer: string } {
  const text = `Call ${i}\n2024-01-01 10:00:00 UTC\nNA\n\nRufus Firefly had a telephone conversation with Prime Minister of Sylvania Vera Marena.\n\nThe leaders discussed grain exports, energy security and topic${i}x. Rufus Firefly stressed the importance of vaccines.`;
  return {
    ...parseReadout({
      id: `r${i}`,
      text,
      format: 'txt',
      source: { bucket: 'b', key: `readouts/${i}.txt`, etag: null },
    }),
    sequencer: seq,
  };
}

async function setup(n: number) {
  const objects = new MemoryObjects();
  const table = new MemoryTable();
  for (let i = 0; i < n; i++) table.readouts.set(`r${i}`, readout(i));
  const artifacts = new IndexArtifacts(objects, 'index');
  const publisher = new IndexPublisher(table, artifacts);
  await publisher.rebuild();
  return { objects, table, artifacts, publisher };
}

describe('index publication', () => {
  it('publishing one readout writes a small delta, flat in the size of the index', async () => {
    const bytes: number[] = [];
    for (const n of [100, 1000]) {
      const { objects, table, publisher } = await setup(n);
      const full = objects.written;
      table.readouts.set('new', readout(99_999));
      objects.written = 0;
      const r = await publisher.applyChanges(['new']);
      expect(r).toMatchObject({ changed: 1, compacted: false, docCount: n + 1 });
      bytes.push(objects.written);
      if (n === 1000) expect(objects.written).toBeLessThan(full / 20);
    }
    // The same one-readout delta whatever the index size (the pointer mirror grows by one key).
    expect(Math.abs(bytes[1]! - bytes[0]!)).toBeLessThan(200);
  });

  it('compacts into a new base after maxDeltas publications; readers see the same index either way', async () => {
    const { table, artifacts, publisher } = await setup(20);
    const reader = new IndexReader(table, artifacts, 0);
    await reader.current();
    for (let k = 0; k < 20; k++) {
      table.readouts.set(`r${k}`, readout(k, String(k + 2)));
      await publisher.applyChanges([`r${k}`]);
      const live = await reader.current(); // applies just the new delta
      const full = await artifacts.read((await table.getIndexPointer())!); // base + all deltas
      expect(live.version).toBe(full.version);
      expect([...live.all()].map((d) => `${d.id}@${d.version}`).sort()).toEqual(
        [...full.all()].map((d) => `${d.id}@${d.version}`).sort(),
      );
      expect(live.search({ q: `topic${k}x` }).total).toBe(1);
    }
    expect((await table.getIndexPointer())!.deltas!.length).toBeLessThan(16);
  });

  it('removals travel in deltas too', async () => {
    const { table, artifacts, publisher } = await setup(10);
    table.readouts.delete('r3');
    await publisher.applyChanges(['r3']);
    const index = await artifacts.read((await table.getIndexPointer())!);
    expect(index.has('r3')).toBe(false);
    expect(index.size).toBe(9);
  });

  it('a store call that throws once never loses the change: the next run publishes it (every call, every position)', async () => {
    // Fault injection: for each store call a publication makes (puts, gets, range reads, lists,
    // the pointer read and swap), throw at exactly that call once, then run the same change again.
    const calls = async (change: (t: MemoryTable) => string[]) => {
      const { objects, table } = await setup(12);
      let count = 0;
      const counting = <T extends object>(o: T) =>
        new Proxy(o, {
          get: (obj, p, r) => {
            const v = Reflect.get(obj, p, r);
            return typeof v === 'function'
              ? (...a: unknown[]) => {
                  count++;
                  return v.apply(obj, a);
                }
              : v;
          },
        });
      const publisher = new IndexPublisher(counting(table), new IndexArtifacts(counting(objects), 'index'));
      await publisher.applyChanges(change(table));
      return count;
    };
    const scenarios: Array<{
      name: string;
      change: (t: MemoryTable) => string[];
      check: (ids: Set<string>, versions: Map<string, string>) => void;
    }> = [
      {
        name: 'new readout',
        change: (t) => {
          t.readouts.set('fresh', { ...readout(500), id: 'fresh' });
          return ['fresh'];
        },
        check: (ids) => expect(ids.has('fresh')).toBe(true),
      },
      {
        name: 'replaced readout',
        change: (t) => {
          t.readouts.set('r2', readout(2, '9'));
          return ['r2'];
        },
        check: (_, v) => expect(v.get('r2')).toBe('9'),
      },
      {
        name: 'deleted readout',
        change: (t) => {
          t.readouts.delete('r4');
          return ['r4'];
        },
        check: (ids) => expect(ids.has('r4')).toBe(false),
      },
    ];
    let injected = 0;
    for (const { name, change, check } of scenarios) {
      for (const compaction of [false, true]) {
        const total = await calls(change);
        expect(total).toBeGreaterThan(3);
        for (let failAt = 1; failAt <= total; failAt++) {
          const { objects, table, artifacts } = await setup(12);
          let count = 0;
          let armed = true;
          const faulty = <T extends object>(o: T) =>
            new Proxy(o, {
              get: (obj, p, r) => {
                const v = Reflect.get(obj, p, r);
                if (typeof v !== 'function') return v;
                return (...a: unknown[]) => {
                  if (armed && ++count === failAt) {
                    armed = false;
                    injected++;
                    throw Object.assign(new Error('SlowDown: injected'), { name: 'SlowDown' });
                  }
                  return v.apply(obj, a);
                };
              },
            });
          const publisher = new IndexPublisher(
            faulty<IndexTable>(table),
            new IndexArtifacts(faulty<ObjectStore>(objects), 'index'),
            { maxDeltas: compaction ? 0 : 16 },
          );
          // A warm publisher (its cached copy is the one that must not be trusted after a failure).
          table.readouts.set('warm', { ...readout(700), id: 'warm' });
          armed = false;
          await publisher.applyChanges(['warm']);
          armed = true;
          count = 0;
          const ids = change(table);
          await publisher.applyChanges(ids).catch(() => undefined); // the batch fails and is retried
          armed = false;
          await publisher.applyChanges(ids); // the retry
          const published = await artifacts.read((await table.getIndexPointer())!);
          const all = [...published.all()];
          try {
            check(new Set(all.map((d) => d.id)), new Map(all.map((d) => [d.id, d.version])));
          } catch (e) {
            throw new Error(
              `${name}, compaction ${compaction}, failing call ${failAt} of ${total}: ${(e as Error).message}`,
            );
          }
          expect(published.has('warm'), `${name} failAt=${failAt}`).toBe(true);
          expect(published.size, `${name} failAt=${failAt}`).toBe(table.readouts.size);
        }
      }
    }
    expect(injected).toBeGreaterThan(20);
  });

  it('pruning keeps every base until the base that replaced it is an hour old, and the last five versions', async () => {
    let clock = 1_000_000;
    const { objects, table, artifacts } = await setup(4);
    objects.now = () => clock;
    const publisher = new IndexPublisher(table, artifacts, { now: () => clock });
    const bases = () => [...objects.data.keys()].filter((k) => k.endsWith('.idx')).sort();
    const rebuildAt = async (t: number) => {
      clock = t;
      await publisher.rebuild();
      return (await table.getIndexPointer())!;
    };
    const HOUR = 3_600_000;
    // A run of bases a minute apart: nothing older than the previous base may go before its successor is an hour old.
    for (let k = 1; k <= 8; k++) await rebuildAt(1_000_000 + k * 60_000);
    expect(bases().length).toBeGreaterThanOrEqual(8);
    const before = bases();
    // Over an hour later: everything before the previous base goes; the previous base stays for readers still on it.
    const pointer = await rebuildAt(1_000_000 + 8 * 60_000 + HOUR + 1);
    const versionOf = (k: string) => Number(/(\d+)-[0-9a-f]+\.idx$/.exec(k)![1]);
    const after = bases();
    expect(after).toContain(pointer.key);
    expect(after).toContain(before[before.length - 1]); // the previous base
    // What else stays is within the `keep` versions (5) of the current one.
    expect(Math.min(...after.map(versionOf))).toBeGreaterThanOrEqual(pointer.version - 5);
    expect(after.length).toBeLessThan(before.length);
    // Without the `keep` floor, the previous base still stays: its successor is brand new.
    await artifacts.prune(pointer.version, { keep: 0, minAgeMs: HOUR, now: clock });
    expect(bases()).toEqual([before[before.length - 1], pointer.key]);
    // A reader still on the previous base can read all of it, doc store included.
    const previous = before[before.length - 1]!;
    expect(objects.data.has(previous.replace(/\.idx$/, '.docs'))).toBe(true);
    // Once the current base is an hour old, the previous generation may go too.
    expect(await artifacts.prune(pointer.version, { keep: 0, minAgeMs: HOUR, now: clock + HOUR })).toBeGreaterThan(0);
    expect(bases()).toEqual([pointer.key]);
    expect((await artifacts.read(pointer)).size).toBe(4);
  });
});
