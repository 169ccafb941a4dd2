/**
 * "Nothing lost": 2,000 distinct readouts uploaded while the harness injects faults — duplicated and
 * delayed S3 events, crashing ingest batches, index runs that fail and are finally given up — then
 * reconciliation. Afterwards every upload is searchable exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from './harness.ts';
import { IndexArtifacts } from '../../shared/pipeline/index-artifacts.ts';
import { IndexPublisher } from '../../shared/pipeline/index-publisher.ts';
import { findDrift, repairDrift } from '../../shared/pipeline/reconcile.ts';
import { S3ObjectStore } from '../../shared/store/object-store.ts';
import { DynamoReadoutTable } from '../../shared/store/readout-table.ts';

const N = 2000;
let h: Harness;
const faults = { duplicated: 0, delayed: 0, ingestCrashes: 0, indexFailures: 0 };
let rng = 42;
const random = () => ((rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

beforeAll(async () => {
  h = await startHarness({
    queue: { retryDelayMs: 50, batchWindowMs: 20, maxReceiveCount: 5 },
    streamMaxRetries: 2,
    deliverS3Event: (body, send) => {
      const r = random();
      if (r < 0.1) { faults.duplicated++; send(body); send(body); send(body, 300); }
      else if (r < 0.2) { faults.delayed++; send(body, 50 + Math.floor(random() * 500)); }
      else send(body);
    },
    // A crashing ingest invocation: the whole batch comes back (as when Lambda dies mid-batch).
    wrapIngest: (invoke) => async (event) => {
      if (random() < 0.08) { faults.ingestCrashes++; throw new Error('injected crash'); }
      return invoke(event);
    },
    // A failing index run; with 2 retries some batches are given up entirely (a killed run).
    wrapIndex: (invoke) => async (event) => {
      if (random() < 0.3) { faults.indexFailures++; throw new Error('injected index failure'); }
      return invoke(event);
    },
  });
}, 120_000);
afterAll(async () => { await h?.stack.stop(); });

const body = (i: number) => `Telephone conversation number ${i}\n2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00 UTC\nNA\n\nRufus Firefly had a telephone conversation with Prime Minister of Sylvania Vera Marena.\n\nThe leaders discussed uniqueword${i}x and bulkcommonword.`;

describe('nothing lost under faults', () => {
  it(`every one of ${N} uploads ends up searchable exactly once, after reconciliation`, async () => {
    const started = Date.now();
    for (let i = 0; i < N; i++) await h.put(`readouts/bulk/${i}.txt`, body(i));
    await waitFor(async () => h.stack.ingestQueue.depth === 0, 300_000, 'the ingest queue to drain');
    await new Promise((r) => setTimeout(r, 3000)); // let the stream poller finish or give up
    const beforeRepair = (await h.api('/health')).body.readouts;

    const objects = new S3ObjectStore();
    const table = new DynamoReadoutTable(h.stack.tableName);
    const artifacts = new IndexArtifacts(objects, h.stack.indexBucket);
    const deps = { objects, table, artifacts, inboxBucket: h.stack.inboxBucket, prefix: 'readouts/' };
    const drift = await findDrift(deps);
    const repaired = await repairDrift(drift, { ...deps, publisher: new IndexPublisher(table, artifacts), maxObjectBytes: 5 * 1024 * 1024 });
    const after = await findDrift(deps);
    console.log(`nothing-lost: ${N} uploads in ${((Date.now() - started) / 1000).toFixed(1)} s; faults ${JSON.stringify(faults)}; ` +
      `dead letters ${h.stack.deadLetters.length}; searchable before reconcile ${beforeRepair}; drift found: ${drift.notIngested.length} not ingested, ` +
      `${drift.orphaned.length} orphaned, ${drift.indexDrift.length} index; repaired ${JSON.stringify(repaired)}`);

    expect(after).toMatchObject({ notIngested: [], orphaned: [], indexDrift: [], objects: N, readouts: N, indexed: N });
    await waitFor(async () => (await h.api('/health')).body.readouts === N, 30_000, 'the search function to load the repaired index');
    expect((await h.api('/search?q=bulkcommonword&limit=1')).body.total).toBe(N);
    for (const i of [0, 1, 17, 999, 1500, N - 1]) {
      const r = (await h.api(`/search?q=uniqueword${i}x`)).body;
      expect(r.total).toBe(1);
      expect(r.results[0].readout.source.key).toBe(`readouts/bulk/${i}.txt`);
    }
    expect(faults.duplicated + faults.delayed + faults.ingestCrashes + faults.indexFailures).toBeGreaterThan(50);
  }, 600_000);
});
