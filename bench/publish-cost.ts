/** The cost of publishing one new readout into an index of N: time and bytes written. */
import { IndexArtifacts } from '../shared/pipeline/index-artifacts.ts';
import { IndexPublisher } from '../shared/pipeline/index-publisher.ts';
import { seedDocs, scaleCorpus } from './corpus-scaler.ts';
import { MemoryObjects, MemoryTable } from './memory-stores.ts';
import type { Readout } from '../shared/readout/types.ts';
import type { SearchDoc } from '../shared/search/search-doc.ts';

const asReadout = (d: SearchDoc): Readout & { sequencer: string } => ({
  ...d, requestedBy: null, text: d.sentences.map((s) => s.text).join(' '), format: 'txt', parserVersion: 1, sequencer: d.version,
  participants: d.participants.map((p) => ({ ...p, aliases: [] })), sentences: d.sentences.map((s, index) => ({ ...s, index })),
});

export async function publishCost(sizes: number[]) {
  const seeds = seedDocs();
  const rows: Array<{ n: number; baseBytes: number; rebuildMs: number; publishMs: number; publishBytes: number }> = [];
  for (const n of sizes) {
    const docs = scaleCorpus(seeds, n + 1);
    const table = new MemoryTable();
    for (const d of docs.slice(0, n)) table.readouts.set(d.id, asReadout(d));
    const objects = new MemoryObjects();
    const publisher = new IndexPublisher(table.asTable(), new IndexArtifacts(objects, 'index'));
    let t = performance.now();
    await publisher.rebuild();
    const rebuildMs = performance.now() - t;
    const baseBytes = objects.written;
    const extra = docs[n]!;
    table.readouts.set(extra.id, asReadout(extra));
    objects.written = 0;
    t = performance.now();
    await publisher.applyChanges([extra.id]);
    rows.push({ n, baseBytes, rebuildMs, publishMs: performance.now() - t, publishBytes: objects.written });
  }
  return rows;
}
