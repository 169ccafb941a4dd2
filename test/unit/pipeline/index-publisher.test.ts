/**
 * Publication cost and delta segments, on in-memory stand-ins for the two small store interfaces
 * (the DynamoDB/S3 behaviour itself is covered by the integration tests).
 */
import { describe, expect, it } from 'vitest';
import { IndexArtifacts } from '../../../shared/pipeline/index-artifacts.ts';
import { IndexPublisher } from '../../../shared/pipeline/index-publisher.ts';
import { IndexReader } from '../../../shared/pipeline/index-reader.ts';
import { parseReadout } from '../../../shared/readout/parse.ts';
import type { ReadoutTable } from '../../../shared/store/readout-table.ts';
import { MemoryObjects, MemoryTable } from '../../../bench/memory-stores.ts';
import type { Readout } from '../../../shared/readout/types.ts';

function readout(i: number, seq = '1'): Readout & { sequencer: string } {
  const text = `Call ${i}\n2024-01-01 10:00:00 UTC\nNA\n\nRufus Firefly had a telephone conversation with Prime Minister of Sylvania Vera Marena.\n\nThe leaders discussed grain exports, energy security and topic${i}x. Rufus Firefly stressed the importance of vaccines.`;
  return { ...parseReadout({ id: `r${i}`, text, format: 'txt', source: { bucket: 'b', key: `readouts/${i}.txt`, etag: null } }), sequencer: seq };
}

async function setup(n: number) {
  const objects = new MemoryObjects();
  const table = new MemoryTable();
  for (let i = 0; i < n; i++) table.readouts.set(`r${i}`, readout(i));
  const artifacts = new IndexArtifacts(objects, 'index');
  const publisher = new IndexPublisher(table as unknown as ReadoutTable, artifacts);
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
    const reader = new IndexReader(table as unknown as ReadoutTable, artifacts, 0);
    await reader.current();
    for (let k = 0; k < 20; k++) {
      table.readouts.set(`r${k}`, readout(k, String(k + 2)));
      await publisher.applyChanges([`r${k}`]);
      const live = await reader.current(); // applies just the new delta
      const full = await artifacts.read((await table.getIndexPointer())!); // base + all deltas
      expect(live.version).toBe(full.version);
      expect([...live.all()].map((d) => `${d.id}@${d.version}`).sort()).toEqual([...full.all()].map((d) => `${d.id}@${d.version}`).sort());
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
});
