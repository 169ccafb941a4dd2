/**
 * Drift repair without a human: compares the inbox bucket, the table and the published index and
 * repairs what differs through the normal ingestion and index code paths. Runs on a schedule
 * (EventBridge) and whenever the index function gives up a stream batch (its failed-batch queue);
 * the event's content does not matter, the bucket and the table are the truth.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { config } from '../../shared/config.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { IndexArtifacts } from '../../shared/pipeline/index-artifacts.ts';
import { IndexPublisher } from '../../shared/pipeline/index-publisher.ts';
import { findDrift, repairDrift } from '../../shared/pipeline/reconcile.ts';
import { S3ObjectStore } from '../../shared/store/object-store.ts';
import { DynamoReadoutTable } from '../../shared/store/readout-table.ts';

export const handler = middy()
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics))
  .handler(async () => {
    const objects = new S3ObjectStore();
    const table = new DynamoReadoutTable(config.tableName);
    const artifacts = new IndexArtifacts(objects, config.indexBucket);
    const deps = { objects, table, artifacts, inboxBucket: config.inboxBucket, prefix: config.uploadPrefix };
    const drift = await findDrift(deps);
    const found = drift.notIngested.length + drift.orphaned.length + drift.indexDrift.length;
    metrics.addMetric('DriftFound', MetricUnit.Count, found);
    const summary = {
      objects: drift.objects,
      readouts: drift.readouts,
      indexed: drift.indexed,
      notIngested: drift.notIngested.length,
      orphaned: drift.orphaned.length,
      indexDrift: drift.indexDrift.length,
    };
    if (!found) {
      logger.info('no drift', summary);
      return { ...summary, repaired: null };
    }
    const repaired = await repairDrift(drift, {
      ...deps,
      publisher: new IndexPublisher(table, artifacts),
      maxObjectBytes: config.maxObjectBytes,
      parseBudgetMs: config.parseBudgetMs,
    });
    logger.info('drift repaired', { ...summary, ...repaired });
    return { ...summary, repaired };
  });
