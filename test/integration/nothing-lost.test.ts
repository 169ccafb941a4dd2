/**
 * "Nothing lost", repaired without a human: 2,000 distinct readouts uploaded while the harness
 * injects faults — duplicated and delayed S3 events, crashing ingest batches, index runs that fail
 * and are finally given up. Nobody calls reconcile: a given-up index batch triggers the reconcile
 * function, as the failed-batch queue does on AWS. Within a bounded time every upload is
 * searchable exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from './harness.ts';
import { IndexArtifacts } from '../../shared/pipeline/index-artifacts.ts';
import { findDrift } from '../../shared/pipeline/reconcile.ts';
import { S3ObjectStore } from '../../shared/store/object-store.ts';
import { DynamoReadoutTable } from '../../shared/store/readout-table.ts';

const N = 2000;
let h: Harness;
const faults = { duplicated: 0, delayed: 0, ingestCrashes: 0, indexFailures: 0 };
let rng = 42;
const random = () => (rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

beforeAll(async () => {
  h = await startHarness({
    queue: { retryDelayMs: 50, batchWindowMs: 20, maxReceiveCount: 5 },
    streamMaxRetries: 2,
    // As on AWS: reconcile whenever an index batch is given up, and on a (here: short) schedule.
    reconcile: { onFailedBatch: true, everyMs: 20_000 },
    deliverS3Event: (body, send) => {
      const r = random();
      if (r < 0.1) {
        faults.duplicated++;
        send(body);
        send(body);
        send(body, 300);
      } else if (r < 0.2) {
        faults.delayed++;
        send(body, 50 + Math.floor(random() * 500));
      } else send(body);
    },
    // A crashing ingest invocation: the whole batch comes back (as when Lambda dies mid-batch).
    wrapIngest: (invoke) => async (event) => {
      if (random() < 0.08) {
        faults.ingestCrashes++;
        throw new Error('injected crash');
      }
      return invoke(event);
    },
    // A failing index run; with 2 retries some batches are given up entirely (a killed run).
    wrapIndex: (invoke) => async (event) => {
      if (random() < 0.3) {
        faults.indexFailures++;
        throw new Error('injected index failure');
      }
      return invoke(event);
    },
  });
}, 120_000);
afterAll(async () => {
  await h?.stack.stop();
});

const body = (i: number) =>
  `Telephone conversation number ${i}\n2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00 UTC\nNA\n\nRufus Firefly had a telephone conversation with Prime Minister of Sylvania Vera Marena.\n\nThe leaders discussed uniqueword${i}x and bulkcommonword.`;

describe('nothing lost under faults', () => {
  it(`every one of ${N} uploads ends up searchable exactly once, repaired without a hand-run reconcile`, async () => {
    const started = Date.now();
    for (let i = 0; i < N; i++) await h.put(`readouts/bulk/${i}.txt`, body(i));
    await waitFor(async () => h.stack.ingestQueue.depth === 0, 300_000, 'the ingest queue to drain');
    // Repair happens by itself: every given-up index batch ran the reconcile function.
    await waitFor(
      async () => (await h.api('/health')).body.readouts === N,
      120_000,
      'every upload to become searchable without a hand-run reconcile',
    );
    const seconds = (Date.now() - started) / 1000;

    const objects = new S3ObjectStore();
    const table = new DynamoReadoutTable(h.stack.tableName);
    const artifacts = new IndexArtifacts(objects, h.stack.indexBucket);
    const after = await findDrift({ objects, table, artifacts, inboxBucket: h.stack.inboxBucket, prefix: 'readouts/' });
    console.log(
      `nothing-lost: ${N} uploads searchable in ${seconds.toFixed(1)} s; faults ${JSON.stringify(faults)}; ` +
        `dead letters ${h.stack.deadLetters.length}; reconcile runs (given-up index batches and the schedule) ${h.stack.reconcileRuns()}`,
    );

    expect(after).toMatchObject({ notIngested: [], orphaned: [], indexDrift: [], objects: N, readouts: N, indexed: N });
    expect(h.stack.reconcileRuns()).toBeGreaterThan(0); // the faults did need repairing
    expect((await h.api('/search?q=bulkcommonword&limit=1')).body.total).toBe(N);
    for (const i of [0, 1, 17, 999, 1500, N - 1]) {
      const r = (await h.api(`/search?q=uniqueword${i}x`)).body;
      expect(r.total).toBe(1);
      expect(r.results[0].readout.source.key).toBe(`readouts/bulk/${i}.txt`);
    }
    expect(faults.duplicated + faults.delayed + faults.ingestCrashes + faults.indexFailures).toBeGreaterThan(50);
  }, 600_000);
});
