/**
 * DynamoDB stream (readout META items) → apply the changed readouts to the index and publish
 * the next version. Idempotent: it re-reads the table, so duplicates and reordering are harmless.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { config } from '../../shared/config.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { IndexArtifacts } from '../../shared/pipeline/index-artifacts.ts';
import { IndexPublisher } from '../../shared/pipeline/index-publisher.ts';
import { S3ObjectStore } from '../../shared/store/object-store.ts';
import { DynamoReadoutTable } from '../../shared/store/readout-table.ts';

let publisher: IndexPublisher | undefined;

export const handler = middy<DynamoDBStreamEvent>()
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics))
  .handler(async (event: DynamoDBStreamEvent) => {
    publisher ??= new IndexPublisher(
      new DynamoReadoutTable(config.tableName),
      new IndexArtifacts(new S3ObjectStore(), config.indexBucket),
    );
    const ids = new Set<string>();
    const correlationIds: string[] = [];
    let oldest = Infinity;
    for (const r of event.Records) {
      const pk = r.dynamodb?.Keys?.pk?.S ?? '';
      if (!pk.startsWith('READOUT#') || r.dynamodb?.Keys?.sk?.S !== 'META') continue;
      ids.add(pk.slice('READOUT#'.length));
      const image = r.dynamodb?.NewImage ?? r.dynamodb?.OldImage;
      if (image?.key?.S) correlationIds.push(`${image.key.S}@${image.sequencer?.S ?? ''}`);
      oldest = Math.min(oldest, (r.dynamodb?.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000);
    }
    if (!ids.size) return;
    const result = await publisher.applyChanges(ids);
    logger.info('index update', { correlationIds, readouts: [...ids], ...(result ?? { unchanged: true }) });
    if (result) {
      metrics.addMetric('IndexPublished', MetricUnit.Count, 1);
      metrics.addMetric('IndexLag', MetricUnit.Milliseconds, Math.max(0, Date.now() - oldest));
      metrics.addMetric('IndexBytes', MetricUnit.Bytes, result.bytes);
    }
  });
