/** The cost of publishing one new readout into an index of N: time and bytes written. */
import { IndexArtifacts, artifactKey, docStoreKey } from '../shared/pipeline/index-artifacts.ts';
import { IndexPublisher } from '../shared/pipeline/index-publisher.ts';
import { MemoryObjects, MemoryTable } from '../test/support/memory-stores.ts';
import type { Readout } from '../shared/readout/types.ts';
import type { SearchDoc } from '../shared/search/search-doc.ts';

const asReadout = (d: SearchDoc): Readout & { sequencer: string } => ({
  ...d,
  requestedBy: null,
  text: d.sentences.map((s) => s.text).join(' '),
  format: 'txt',
  parserVersion: 1,
  sequencer: d.version,
  participants: d.participants.map((p) => ({ ...p, aliases: [] })),
  sentences: d.sentences.map((s, index) => ({ ...s, index })),
});

/**
 * Publishes one readout on top of a base of `docs` (already built: `base`), through the real
 * publisher against in-memory stores: the first publication after a cold load, as the index
 * function does it. Returns its time (load excluded) and the bytes it wrote.
 */
export async function publishOne(
  docs: SearchDoc[],
  base: { index: Uint8Array; docs: Uint8Array },
): Promise<{ ms: number; bytes: number }> {
  const objects = new MemoryObjects();
  const table = new MemoryTable();
  const key = artifactKey(1);
  await objects.put('index', key, base.index);
  await objects.put('index', docStoreKey(key), base.docs);
  table.pointer = {
    version: 1,
    key,
    baseVersion: 1,
    deltas: [],
    docCount: docs.length,
    publishedAt: new Date().toISOString(),
  };
  const publisher = new IndexPublisher(table, new IndexArtifacts(objects, 'index'));
  // Warm the publisher's cached copy (a warm index function) with a first change.
  const first = { ...docs[0]!, id: 'bench-warm', version: '2' };
  table.readouts.set(first.id, asReadout(first));
  await publisher.applyChanges([first.id]);
  const extra = { ...docs[1]!, id: 'bench-new', version: '3' };
  table.readouts.set(extra.id, asReadout(extra));
  objects.written = 0;
  const t = performance.now();
  await publisher.applyChanges([extra.id]);
  return { ms: performance.now() - t, bytes: objects.written };
}
