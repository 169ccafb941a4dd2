/** Rebuilds the whole index from the table and publishes it (also `npm run reindex`). */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { config } from '../../shared/config.ts';
import { logger } from '../../shared/observability.ts';
import { IndexArtifacts } from '../../shared/pipeline/index-artifacts.ts';
import { IndexPublisher } from '../../shared/pipeline/index-publisher.ts';
import { S3ObjectStore } from '../../shared/store/object-store.ts';
import { DynamoReadoutTable } from '../../shared/store/readout-table.ts';

export const handler = middy()
  .use(injectLambdaContext(logger))
  .handler(async () => {
    const publisher = new IndexPublisher(
      new DynamoReadoutTable(config.tableName),
      new IndexArtifacts(new S3ObjectStore(), config.indexBucket),
    );
    const result = await publisher.rebuild();
    logger.info('index rebuilt', { ...result });
    return result;
  });
