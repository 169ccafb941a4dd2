/**
 * SQS (S3 notifications) → ingest each object. Partial batch failures: a record that throws is
 * retried by SQS and, after maxReceiveCount, parked in the dead-letter queue; the rest land.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { config } from '../../shared/config.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { ingestObjectEvent } from '../../shared/pipeline/ingest-object.ts';
import { parseS3Notification } from '../../shared/pipeline/s3-events.ts';
import { publicFailureReason } from '../../shared/pipeline/failure-reason.ts';
import { S3ObjectStore } from '../../shared/store/object-store.ts';
import { DynamoReadoutTable } from '../../shared/store/readout-table.ts';

const processor = new BatchProcessor(EventType.SQS);
let deps: Parameters<typeof ingestObjectEvent>[1] | undefined;

async function recordHandler(record: SQSRecord): Promise<void> {
  deps ??= {
    objects: new S3ObjectStore(),
    table: new DynamoReadoutTable(config.tableName),
    maxObjectBytes: config.maxObjectBytes,
    parseBudgetMs: config.parseBudgetMs,
  };
  for (const event of parseS3Notification(record.body)) {
    // The S3 key + sequencer is the correlation id that follows an upload into the index.
    const correlationId = `${event.key}@${event.sequencer}`;
    try {
      const outcome = await ingestObjectEvent(event, deps);
      logger.info('ingest', { correlationId, key: event.key, messageId: record.messageId, ...outcome });
      if (outcome.result === 'stored') metrics.addMetric('ReadoutsIngested', MetricUnit.Count, 1);
      if (outcome.result === 'rejected') metrics.addMetric('ReadoutsRejected', MetricUnit.Count, 1);
    } catch (e) {
      // Record why, where GET /readouts?key= shows it, then let SQS retry (and finally dead-letter) it.
      logger.error('ingest failed', { correlationId, key: event.key, messageId: record.messageId, error: e as Error });
      metrics.addMetric('IngestFailures', MetricUnit.Count, 1);
      await deps.table.recordFailure(event.key, publicFailureReason(e, correlationId)).catch(() => undefined);
      throw e;
    }
  }
}

export const handler = middy<SQSEvent>()
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics))
  .handler(async (event: SQSEvent, context: Context) =>
    processPartialResponse(event, recordHandler, processor, { context }),
  );
