/** `npm run reindex [-- --aws]`: rebuild the index from the table and publish it. */
import { parseTargetArgs } from './cli-target.ts';

parseTargetArgs('usage: npm run reindex [-- --aws]');
const { config } = await import('../shared/config.ts');
const { IndexArtifacts } = await import('../shared/pipeline/index-artifacts.ts');
const { IndexPublisher } = await import('../shared/pipeline/index-publisher.ts');
const { S3ObjectStore } = await import('../shared/store/object-store.ts');
const { DynamoReadoutTable } = await import('../shared/store/readout-table.ts');

const started = Date.now();
const result = await new IndexPublisher(
  new DynamoReadoutTable(config.tableName),
  new IndexArtifacts(new S3ObjectStore(), config.indexBucket),
).rebuild();
console.log(
  `index rebuilt from the table: version ${result.version}, ${result.docCount} readouts, ${result.bytes} bytes, ${Date.now() - started} ms`,
);
