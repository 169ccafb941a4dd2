/**
 * S3 delivers events at least once, possibly late and out of order. These tests hold the events
 * the local S3 emits (URL-encoded and sequenced as on AWS) and replay them duplicated, reordered
 * and late, through the real queue and handlers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from './harness.ts';
import { IndexArtifacts } from '../../shared/pipeline/index-artifacts.ts';
import { IndexPublisher } from '../../shared/pipeline/index-publisher.ts';
import { findDrift, repairDrift } from '../../shared/pipeline/reconcile.ts';
import { S3ObjectStore } from '../../shared/store/object-store.ts';
import { DynamoReadoutTable } from '../../shared/store/readout-table.ts';

let h: Harness;
let held: string[] = [];
let holding = false;

beforeAll(async () => {
  h = await startHarness({
    // Fault injection lives here, in the harness: hold events instead of delivering them.
    deliverS3Event: (body, send) => {
      if (holding) held.push(body);
      else send(body);
    },
  });
});
afterAll(async () => {
  await h?.stack.stop();
});

const readout = (title: string, word: string) =>
  `${title}\n2024-02-02 10:00:00 UTC\nNA\n\nRufus Firefly had a telephone conversation with Prime Minister of Sylvania Vera Marena.\n\nThe leaders discussed ${word}.`;
const status = async (key: string) => (await h.api(`/readouts?key=${encodeURIComponent(key)}`)).body;
const hits = async (q: string) => (await h.api(`/search?q=${q}&limit=50`)).body.results as any[];
const hold = async (fn: () => Promise<void>) => {
  held = [];
  holding = true;
  try {
    await fn();
    await new Promise((r) => setTimeout(r, 100));
  } finally {
    holding = false;
  }
  return held;
};
const settle = async () => {
  await h.stack.ingestQueue.drain();
  await new Promise((r) => setTimeout(r, 1500));
};

describe('at-least-once, unordered, late S3 events', () => {
  it('an event delivered three times gives one readout and one index entry', async () => {
    const key = 'readouts/semantics/triple.txt';
    const events = await hold(() => h.put(key, readout('Triple delivery', 'zanzibarite')));
    expect(events).toHaveLength(1);
    for (let i = 0; i < 3; i++) h.stack.sendS3Event(events[0]!);
    await waitFor(async () => (await status(key)).status === 'indexed', 20_000, 'indexing');
    await settle();
    const found = await hits('zanzibarite');
    expect(found).toHaveLength(1);
    expect((await h.api('/health')).body.readouts).toBe(1);
  });

  it('overwrites delivered out of order: the newest version wins', async () => {
    const key = 'readouts/semantics/reordered.txt';
    const first = await hold(() => h.put(key, readout('Version one', 'oldwordalpha')));
    const second = await hold(() => h.put(key, readout('Version two', 'newwordbeta')));
    h.stack.sendS3Event(second[0]!);
    await waitFor(async () => (await hits('newwordbeta')).length === 1, 20_000, 'the newer version');
    h.stack.sendS3Event(first[0]!); // late, older event
    await settle();
    expect(await hits('oldwordalpha')).toHaveLength(0);
    expect(await hits('newwordbeta')).toHaveLength(1);
  });

  it('a create event arriving after the delete does not resurrect the readout', async () => {
    const key = 'readouts/semantics/deleted.txt';
    const created = await hold(() => h.put(key, readout('Soon deleted', 'ghostwordgamma')));
    h.stack.sendS3Event(created[0]!);
    await waitFor(async () => (await hits('ghostwordgamma')).length === 1, 20_000, 'indexing');
    await h.del(key);
    await waitFor(async () => (await status(key)).status === 'deleted', 20_000, 'the deletion');
    h.stack.sendS3Event(created[0]!); // the same create, delivered again, late
    await settle();
    expect(await hits('ghostwordgamma')).toHaveLength(0);
    expect((await status(key)).status).toBe('deleted');
  });

  it('a late create for an overwritten object does not bring the old content back', async () => {
    const key = 'readouts/semantics/overwritten.txt';
    const v1 = await hold(() => h.put(key, readout('First', 'firstwordsigma')));
    await h.put(key, readout('Second', 'secondwordtau'));
    await waitFor(async () => (await hits('secondwordtau')).length === 1, 20_000, 'the second version');
    h.stack.sendS3Event(v1[0]!);
    await settle();
    expect(await hits('firstwordsigma')).toHaveLength(0);
    expect(await hits('secondwordtau')).toHaveLength(1);
  });

  it('events carry URL-encoded keys, as on AWS', async () => {
    const events = await hold(() => h.put('readouts/semantics/a b+c é.txt', readout('Encoded', 'encodedwordrho')));
    const key = JSON.parse(events[0]!).Records[0].s3.object.key;
    expect(key).toBe('readouts/semantics/a+b%2Bc+%C3%A9.txt');
    h.stack.sendS3Event(events[0]!);
    await waitFor(
      async () => (await status('readouts/semantics/a b+c é.txt')).status === 'indexed',
      20_000,
      'the encoded key',
    );
  });

  it('a key whose processing failed is retried by reconcile when its re-upload event is lost', async () => {
    const key = 'readouts/semantics/failed-then-fixed.txt';
    const table = new DynamoReadoutTable(h.stack.tableName);
    // The first upload failed (its event was dropped here; the failure is recorded as the ingest function would).
    await hold(() => h.put(key, readout('Failed once', 'quokkarite')));
    await table.recordFailure(key, 'ThrottlingException (HTTP 400) while processing; it is retried automatically.');
    expect((await status(key)).status).toBe('failed');
    // The corrected re-upload's event is lost too.
    await hold(() => h.put(key, readout('Fixed', 'quokkarite')));
    const objects = new S3ObjectStore();
    const artifacts = new IndexArtifacts(objects, h.stack.indexBucket);
    const deps = { objects, table, artifacts, inboxBucket: h.stack.inboxBucket, prefix: 'readouts/semantics/' };
    const drift = await findDrift(deps);
    expect(drift.notIngested).toContain(key);
    await repairDrift(drift, {
      ...deps,
      publisher: new IndexPublisher(table, artifacts),
      maxObjectBytes: 5 * 1024 * 1024,
    });
    await waitFor(async () => (await status(key)).status === 'indexed', 20_000, 'the repaired key to be indexed');
    expect((await findDrift(deps)).notIngested).not.toContain(key);
  });
});
