/**
 * `npm run reconcile [-- --repair] [--aws]`: reports drift between the inbox bucket, the table and the
 * published index, and with --repair fixes it through the normal ingestion and index code paths.
 */
import { parseTargetArgs } from './cli-target.ts';

const { flags } = parseTargetArgs('usage: npm run reconcile [-- --repair] [--aws]', ['repair']);
const repair = flags.repair!;
const { config } = await import('../shared/config.ts');
const { IndexArtifacts } = await import('../shared/pipeline/index-artifacts.ts');
const { IndexPublisher } = await import('../shared/pipeline/index-publisher.ts');
const { findDrift, repairDrift } = await import('../shared/pipeline/reconcile.ts');
const { S3ObjectStore } = await import('../shared/store/object-store.ts');
const { DynamoReadoutTable } = await import('../shared/store/readout-table.ts');

const objects = new S3ObjectStore();
const table = new DynamoReadoutTable(config.tableName);
const artifacts = new IndexArtifacts(objects, config.indexBucket);
const deps = {
  objects,
  table,
  artifacts,
  inboxBucket: config.inboxBucket,
  prefix: process.env.UPLOAD_PREFIX ?? 'readouts/',
};
const drift = await findDrift(deps);
console.log(`bucket: ${drift.objects} objects; table: ${drift.readouts} readouts; index: ${drift.indexed} readouts`);
console.log(
  `not ingested: ${drift.notIngested.length}; orphaned readouts: ${drift.orphaned.length}; index drift: ${drift.indexDrift.length}`,
);
for (const k of drift.notIngested.slice(0, 20)) console.log(`  not ingested: ${k}`);
for (const k of drift.orphaned.slice(0, 20)) console.log(`  orphaned: ${k}`);
if (repair) {
  const r = await repairDrift(drift, {
    ...deps,
    publisher: new IndexPublisher(table, artifacts),
    maxObjectBytes: config.maxObjectBytes,
  });
  console.log(
    `repaired: ${r.ingested} ingested, ${r.removed} removed, ${r.indexRepaired} index entries (index version ${r.indexVersion ?? 'unchanged'})`,
  );
} else if (drift.notIngested.length || drift.orphaned.length || drift.indexDrift.length) {
  console.log('run with -- --repair to fix');
  process.exitCode = 1;
}
