/** Finds drift between the local bucket, table and index and repairs it through the normal paths. */
import { IndexArtifacts } from '../shared/pipeline/index-artifacts.ts';
import { IndexPublisher } from '../shared/pipeline/index-publisher.ts';
import { findDrift, type Drift } from '../shared/pipeline/reconcile.ts';
import { S3ObjectStore } from '../shared/store/object-store.ts';
import { DynamoReadoutTable } from '../shared/store/readout-table.ts';
import { encodeEventKey } from '../shared/pipeline/s3-events.ts';

interface StackLike { inboxBucket: string; indexBucket: string; tableName: string; prefix: string; sendS3Event: (body: string) => void; nextSequencer: () => string }

const event = (kind: 'ObjectCreated:Put' | 'ObjectRemoved:Delete', bucket: string, key: string, sequencer: string) => JSON.stringify({
  Records: [{ eventVersion: '2.1', eventSource: 'aws:s3', eventName: kind, eventTime: new Date().toISOString(), s3: { bucket: { name: bucket }, object: { key: encodeEventKey(key), sequencer } } }],
});

export async function reconcileLocal(stack: StackLike, { repair }: { repair: boolean }): Promise<Drift> {
  const objects = new S3ObjectStore();
  const table = new DynamoReadoutTable(stack.tableName);
  const artifacts = new IndexArtifacts(objects, stack.indexBucket);
  const drift = await findDrift({ objects, table, artifacts, inboxBucket: stack.inboxBucket, prefix: stack.prefix });
  if (repair) {
    // Re-drive through the queue, exactly as fresh S3 notifications would.
    for (const key of drift.notIngested) stack.sendS3Event(event('ObjectCreated:Put', stack.inboxBucket, key, stack.nextSequencer()));
    for (const key of drift.orphaned) stack.sendS3Event(event('ObjectRemoved:Delete', stack.inboxBucket, key, stack.nextSequencer()));
    if (drift.indexDrift.length) await new IndexPublisher(table, artifacts).applyChanges(drift.indexDrift);
  }
  return drift;
}
