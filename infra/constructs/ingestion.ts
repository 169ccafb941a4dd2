/**
 * Inbox bucket (readouts/ prefix) → S3 notifications → SQS (with DLQ) → ingest function with
 * partial batch failures.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ReadoutFunction } from './readout-function.ts';
import { alarmAbove, alarmAboveZero } from './alarms.ts';
import { SecureBucket } from './secure-bucket.ts';
import { DEFAULTS } from '../../shared/defaults.ts';

export interface IngestionProps {
  readonly table: ITableV2;
  readonly accessLogs: IBucket;
  /** Key prefix whose uploads are ingested. @default DEFAULTS.uploadPrefix ('readouts/') */
  readonly prefix?: string;
  /** Receives before a message is parked in the dead-letter queue. @default DEFAULTS.ingest.maxReceiveCount (3) */
  readonly maxReceiveCount?: number;
  /** Objects larger than this are rejected before being read. @default DEFAULTS.maxObjectBytes (5 MiB) */
  readonly maxObjectBytes?: number;
  /** Parse time per upload before it is rejected as too complex. @default DEFAULTS.ingest.parseBudgetMs (4 s) */
  readonly parseBudgetMs?: number;
}

export class Ingestion extends Construct {
  readonly inbox: SecureBucket;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly function: ReadoutFunction;
  readonly prefix: string;

  constructor(scope: Construct, id: string, props: IngestionProps) {
    super(scope, id);
    this.prefix = props.prefix ?? DEFAULTS.uploadPrefix;
    this.inbox = new SecureBucket(this, 'Inbox', {
      accessLogs: props.accessLogs,
      accessLogsPrefix: 'inbox/',
      versioned: true,
      // Old versions of uploads are kept for recovery for a while, then expire.
      lifecycleRules: [
        {
          noncurrentVersionExpiration: Duration.days(DEFAULTS.retention.inboxNoncurrentVersionDays),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(DEFAULTS.retention.incompleteUploadDays),
        },
      ],
    });

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const timeout = Duration.seconds(DEFAULTS.ingest.timeoutSeconds);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS recommends ≥ 6× the function timeout so retries do not overlap a running batch.
      visibilityTimeout: Duration.seconds(timeout.toSeconds() * 6),
      deadLetterQueue: {
        queue: this.deadLetterQueue,
        maxReceiveCount: props.maxReceiveCount ?? DEFAULTS.ingest.maxReceiveCount,
      },
    });
    this.inbox.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(this.queue), { prefix: this.prefix });
    this.inbox.addEventNotification(EventType.OBJECT_REMOVED, new SqsDestination(this.queue), { prefix: this.prefix });

    this.function = new ReadoutFunction(this, 'IngestFunction', {
      name: 'ingest',
      description: 'Parses uploaded readouts into the table',
      memorySize: DEFAULTS.ingest.memoryMb,
      timeout,
      environment: {
        TABLE_NAME: props.table.tableName,
        INBOX_BUCKET: this.inbox.bucketName,
        MAX_OBJECT_BYTES: String(props.maxObjectBytes ?? DEFAULTS.maxObjectBytes),
        PARSE_BUDGET_MS: String(props.parseBudgetMs ?? DEFAULTS.ingest.parseBudgetMs),
      },
    });
    this.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: DEFAULTS.ingest.batchSize,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
      }),
    );
    // Least privilege: read uploads, write readouts; no access to the index bucket.
    this.function
      .allowObjects(this.inbox, this.prefix, ['s3:GetObject', 's3:GetObjectVersion'])
      .allow(
        [
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:Query',
          'dynamodb:ConditionCheckItem',
        ],
        [props.table.tableArn],
      );
    Validations.of(this.queue).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason: "The queue's redrive policy parks failing messages in the dead-letter queue.",
    });
    Validations.of(this.function).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason: "The SQS queue's redrive policy parks failing messages in the dead-letter queue.",
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason: 'This is the dead-letter queue.',
    });

    alarmAboveZero(
      this,
      'DeadLettersAlarm',
      this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      'Readout uploads failed ingestion repeatedly and were parked in the dead-letter queue',
    );
    alarmAbove(
      this,
      'DeadLetterAgeAlarm',
      this.deadLetterQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(15), statistic: 'Maximum' }),
      DEFAULTS.alarms.maxDeadLetterAgeDays * 86_400,
      `Dead letters older than ${DEFAULTS.alarms.maxDeadLetterAgeDays} days: fix their cause and redrive them before the queue forgets them (14 days)`,
    );
    alarmAboveZero(
      this,
      'ErrorsAlarm',
      this.function.metricErrors({ period: Duration.minutes(5) }),
      'The ingest function is failing',
    );
  }
}
