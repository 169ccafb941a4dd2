/**
 * Drift repair without a human: the reconcile function compares the inbox bucket, the table and
 * the published index and repairs what differs through the normal code paths. It runs on a
 * schedule and whenever the index function gives up a stream batch (a message on its failed-batch
 * queue). One run at a time: runs are idempotent, so a second one would only repeat the first.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEFAULTS } from '../../shared/defaults.ts';
import { alarmAboveZero } from './alarms.ts';
import { ReadoutFunction } from './readout-function.ts';

export interface DriftRepairProps {
  readonly table: ITableV2;
  readonly inbox: IBucket;
  readonly inboxPrefix: string;
  readonly indexBucket: IBucket;
  /** The index function's on-failure destination: each message there starts a run. */
  readonly failedBatches: Queue;
  /** @default DEFAULTS.reconcile.everyMinutes (30) */
  readonly everyMinutes?: number;
}

export class DriftRepair extends Construct {
  readonly function: ReadoutFunction;

  constructor(scope: Construct, id: string, props: DriftRepairProps) {
    super(scope, id);
    this.function = new ReadoutFunction(this, 'ReconcileFunction', {
      name: 'reconcile',
      description: 'Finds and repairs drift between the inbox bucket, the table and the search index',
      memorySize: DEFAULTS.reconcile.memoryMb,
      timeout: Duration.minutes(DEFAULTS.reconcile.timeoutMinutes),
      reservedConcurrentExecutions: 1,
      environment: {
        TABLE_NAME: props.table.tableName,
        INBOX_BUCKET: props.inbox.bucketName,
        INDEX_BUCKET: props.indexBucket.bucketName,
        UPLOAD_PREFIX: props.inboxPrefix,
        MAX_OBJECT_BYTES: String(DEFAULTS.maxObjectBytes),
        PARSE_BUDGET_MS: String(DEFAULTS.ingest.parseBudgetMs),
      },
    });
    // It repairs through ingestion and publication, so it needs what those two functions need.
    this.function
      .allowObjects(props.inbox, props.inboxPrefix, ['s3:GetObject', 's3:GetObjectVersion'])
      .allowObjects(props.indexBucket, 'index/', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'])
      .allow(
        [
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:Query',
          'dynamodb:Scan',
          'dynamodb:ConditionCheckItem',
        ],
        [props.table.tableArn],
      );

    new Rule(this, 'Schedule', {
      description: 'Runs drift repair on a schedule',
      schedule: Schedule.rate(Duration.minutes(props.everyMinutes ?? DEFAULTS.reconcile.everyMinutes)),
      // A scheduled run that cannot be delivered lands on the failed-batch queue, which starts a run.
      targets: [new LambdaFunction(this.function, { retryAttempts: 2, deadLetterQueue: props.failedBatches })],
    });
    this.function.addEventSource(
      new SqsEventSource(props.failedBatches, { batchSize: 10, maxBatchingWindow: Duration.seconds(30) }),
    );
    Validations.of(this.function).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        'Its source is itself a failure destination; a failed run leaves the message for the next one, and the schedule repairs regardless.',
    });
    alarmAboveZero(
      this,
      'ErrorsAlarm',
      this.function.metricErrors({ period: Duration.minutes(15) }),
      'Drift repair is failing: run npm run reconcile -- --aws to see the drift',
    );
  }
}
