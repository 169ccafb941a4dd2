/**
 * Drift between bucket, table and index, and its repair. The bucket is the source of truth for
 * what should exist; the table for what the index should contain.
 */
import type { ObjectStore } from '../store/object-store.ts';
import type { ReadoutTable } from '../store/readout-table.ts';
import type { IndexArtifacts } from './index-artifacts.ts';
import type { IndexPublisher } from './index-publisher.ts';
import { readoutIdFor } from './readout-id.ts';

export interface Drift {
  /** Objects in the bucket the table has no (or an outdated) record of: they need ingesting. */
  notIngested: string[];
  /** Keys the table holds a readout for whose object is gone: they need removing. */
  orphaned: string[];
  /** Readouts whose index entry is missing or outdated, or index entries with no readout. */
  indexDrift: string[];
  objects: number;
  readouts: number;
  indexed: number;
}

export interface ReconcileDeps {
  objects: ObjectStore;
  table: ReadoutTable;
  artifacts: IndexArtifacts;
  inboxBucket: string;
  prefix: string;
}

export async function findDrift(deps: ReconcileDeps): Promise<Drift> {
  const { objects, table, artifacts } = deps;
  const notIngested: string[] = [];
  const present = new Set<string>();
  let objectCount = 0;
  for await (const o of objects.list(deps.inboxBucket, deps.prefix)) {
    objectCount++;
    present.add(o.key);
    const status = await table.getStatus(o.key);
    // A key whose last processing failed is retried too: its corrected re-upload's event may be lost.
    if (
      !status ||
      status.status === 'deleted' ||
      status.status === 'failed' ||
      (status.etag && o.etag && status.etag !== o.etag)
    )
      notIngested.push(o.key);
  }
  const pointer = await table.getIndexPointer();
  const index = pointer ? await artifacts.read(pointer) : null;
  const orphaned: string[] = [];
  const indexDrift: string[] = [];
  const inTable = new Set<string>();
  let readouts = 0;
  for await (const r of table.listReadouts()) {
    readouts++;
    inTable.add(r.id);
    if (!present.has(r.key) && readoutIdFor(deps.inboxBucket, r.key) === r.id) orphaned.push(r.key);
    if (index?.get(r.id)?.version !== r.sequencer) indexDrift.push(r.id);
  }
  if (index) for (const d of index.all()) if (!inTable.has(d.id)) indexDrift.push(d.id);
  return { notIngested, orphaned, indexDrift, objects: objectCount, readouts, indexed: index?.size ?? 0 };
}

/** The next sequencer after `s` (32 hex digits): a repair outranks what it repairs, and nothing newer. */
export function nextSequencer(s: string): string {
  const digits = s.padEnd(32, '0').split('');
  for (let i = digits.length - 1; i >= 0; i--) {
    const v = parseInt(digits[i]!, 16);
    if (v < 15) {
      digits[i] = (v + 1).toString(16).toUpperCase();
      return digits.join('');
    }
    digits[i] = '0';
  }
  return digits.join('');
}

/**
 * Repairs drift through the normal code paths: objects are (re)ingested and orphans deleted with a
 * sequencer just above the stored one, and the index is brought level with the table.
 */
export async function repairDrift(
  drift: Drift,
  deps: ReconcileDeps & { publisher: IndexPublisher; maxObjectBytes: number; parseBudgetMs?: number },
) {
  const { ingestObjectEvent } = await import('./ingest-object.ts');
  let ingested = 0;
  let removed = 0;
  for (const key of drift.notIngested) {
    const head = await deps.objects.head(deps.inboxBucket, key);
    if (!head) continue;
    const status = await deps.table.getStatus(key);
    const sequencer = status ? nextSequencer(status.sequencer) : '0'.repeat(31) + '1';
    const r = await ingestObjectEvent(
      {
        kind: 'created',
        bucket: deps.inboxBucket,
        key,
        sequencer,
        size: head.size,
        etag: head.etag,
        versionId: head.versionId,
        eventTime: null,
      },
      deps,
    );
    if (r.result === 'stored' || r.result === 'rejected') ingested++;
  }
  for (const key of drift.orphaned) {
    const status = await deps.table.getStatus(key);
    if (status && (await deps.table.deleteKey(key, nextSequencer(status.sequencer))) === 'written') removed++;
  }
  // Re-check the index after the repairs above (they change the table).
  const after = await findDrift(deps);
  const index = after.indexDrift.length ? await deps.publisher.applyChanges(after.indexDrift) : null;
  return { ingested, removed, indexRepaired: after.indexDrift.length, indexVersion: index?.version ?? null };
}
