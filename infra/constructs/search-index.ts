/**
 * The index: the table's stream (readout items only) → index function → versioned artifacts in the
 * index bucket, pointer in the table. The reindex function rebuilds it from the table.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INDEX_STREAM_FILTER } from '../../shared/store/table-schema.ts';
import { ReadoutFunction } from './readout-function.ts';
import { alarmAbove, alarmAboveZero } from './alarms.ts';
import { SecureBucket } from './secure-bucket.ts';
import { DEFAULTS } from '../../shared/defaults.ts';

export interface SearchIndexProps {
  readonly table: ITableV2;
  readonly accessLogs: IBucket;
  /** Memory of the index and reindex functions (the index is held in memory). @default DEFAULTS.index.memoryMb (2048) */
  readonly memorySize?: number;
}

export class SearchIndex extends Construct {
  readonly bucket: SecureBucket;
  readonly indexFunction: ReadoutFunction;
  readonly reindexFunction: ReadoutFunction;
  readonly failedBatches: Queue;

  constructor(scope: Construct, id: string, props: SearchIndexProps) {
    super(scope, id);
    this.bucket = new SecureBucket(this, 'Artifacts', { accessLogs: props.accessLogs, accessLogsPrefix: 'index/' });
    const environment = { TABLE_NAME: props.table.tableName, INDEX_BUCKET: this.bucket.bucketName };
    const memorySize = props.memorySize ?? DEFAULTS.index.memoryMb;

    this.indexFunction = new ReadoutFunction(this, 'IndexFunction', {
      name: 'index',
      description: 'Applies changed readouts to the search index and publishes a new version',
      memorySize,
      timeout: Duration.minutes(DEFAULTS.index.timeoutMinutes),
      environment,
    });
    // Consumed by drift repair: the visibility timeout covers one of its runs six times over.
    this.failedBatches = new Queue(this, 'FailedBatches', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      visibilityTimeout: Duration.minutes(DEFAULTS.reconcile.timeoutMinutes * 6),
    });
    this.indexFunction.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: DEFAULTS.index.batchSize,
        maxBatchingWindow: Duration.seconds(1),
        retryAttempts: 10,
        bisectBatchOnError: true,
        onFailure: new SqsDlq(this.failedBatches),
        filters: [
          FilterCriteria.filter({
            dynamodb: {
              Keys: {
                pk: { S: FilterRule.beginsWith(INDEX_STREAM_FILTER.pkPrefix) },
                sk: { S: FilterRule.isEqual(INDEX_STREAM_FILTER.sk) },
              },
            },
          }),
        ],
      }),
    );

    this.reindexFunction = new ReadoutFunction(this, 'ReindexFunction', {
      name: 'reindex',
      description: 'Rebuilds the search index from the table',
      memorySize: Math.max(memorySize, 3008),
      timeout: Duration.minutes(15),
      environment,
    });

    for (const fn of [this.indexFunction, this.reindexFunction]) {
      // Reads readouts and compare-and-sets the index pointer; writes index artifacts only.
      fn.allow(
        ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:UpdateItem'],
        [props.table.tableArn],
      ).allowObjects(this.bucket, 'index/', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']);
    }
    Validations.of(this.failedBatches).acknowledge(
      {
        id: 'AwsSolutions-SQS3',
        reason: "This queue is the stream event source's on-failure destination (a dead-letter queue).",
      },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is itself a dead-letter destination.' },
    );

    // The drift-repair function consumes this queue; a message means a batch was given up (and repaired).
    alarmAboveZero(
      this,
      'FailedBatchesAlarm',
      this.failedBatches.metricNumberOfMessagesSent({ period: Duration.minutes(5) }),
      "Index updates failed after all retries; drift repair runs on its own, look at the index function's errors",
    );
    alarmAbove(
      this,
      'IteratorAgeAlarm',
      this.indexFunction.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
      DEFAULTS.alarms.maxIteratorAgeMinutes * 60_000,
      `Indexing is more than ${DEFAULTS.alarms.maxIteratorAgeMinutes} minutes behind the table`,
    );
    alarmAboveZero(
      this,
      'ErrorsAlarm',
      this.indexFunction.metricErrors({ period: Duration.minutes(5) }),
      'The index function is failing',
    );
  }
}
