/** Readout Search: ingestion, table, index and API in one stack. */
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { DEFAULTS } from '../shared/defaults.ts';
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { DriftRepair } from './constructs/drift-repair.ts';
import { Ingestion } from './constructs/ingestion.ts';
import { ReadoutTable } from './constructs/readout-table.ts';
import { SearchApi, type ApiAuth } from './constructs/search-api.ts';
import { SearchIndex } from './constructs/search-index.ts';
import { SecureBucket } from './constructs/secure-bucket.ts';

export interface ReadoutSearchStackProps extends StackProps {
  /** @default 'iam' */
  readonly apiAuth?: ApiAuth;
  /** For apiAuth 'jwt'. */
  readonly jwtIssuer?: string;
  readonly jwtAudience?: string[];
  /** An address that receives every alarm (by SNS email subscription). @default none: subscribe to the AlarmTopic output */
  readonly alarmEmail?: string;
}

export class ReadoutSearchStack extends Stack {
  readonly ingestion: Ingestion;
  readonly index: SearchIndex;
  readonly searchApi: SearchApi;
  readonly table: ReadoutTable;
  readonly driftRepair: DriftRepair;
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: ReadoutSearchStackProps = {}) {
    super(scope, id, props);
    const accessLogs = new SecureBucket(this, 'AccessLogs', {
      lifecycleRules: [{ expiration: Duration.days(DEFAULTS.retention.accessLogDays) }],
    });
    this.table = new ReadoutTable(this, 'Readouts');
    this.ingestion = new Ingestion(this, 'Ingestion', { table: this.table.table, accessLogs });
    this.index = new SearchIndex(this, 'Index', { table: this.table.table, accessLogs });
    this.searchApi = new SearchApi(this, 'Api', {
      table: this.table.table,
      indexBucket: this.index.bucket,
      inbox: this.ingestion.inbox,
      inboxPrefix: this.ingestion.prefix,
      auth: props.apiAuth,
      jwtIssuer: props.jwtIssuer,
      jwtAudience: props.jwtAudience,
    });

    this.driftRepair = new DriftRepair(this, 'DriftRepair', {
      table: this.table.table,
      inbox: this.ingestion.inbox,
      inboxPrefix: this.ingestion.prefix,
      indexBucket: this.index.bucket,
      failedBatches: this.index.failedBatches,
    });

    // Every alarm of the stack notifies one encrypted topic (CloudWatch may use the key to publish).
    const key = new Key(this, 'AlarmTopicKey', {
      enableKeyRotation: true,
      description: 'Encrypts the Readout Search alarm topic',
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'Readout Search alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    for (const c of this.node.findAll()) if (c instanceof Alarm) c.addAlarmAction(new SnsAction(this.alarmTopic));

    // S3 adds a custom-resource Lambda to configure bucket notifications; its role is CDK's, not ours.
    const notifications = this.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
    if (notifications) {
      Validations.of(notifications).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK-managed custom resource that configures S3 bucket notifications at deploy time.',
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: this.searchApi.url, description: 'HTTPS API base URL' });
    new CfnOutput(this, 'InboxBucketName', {
      value: this.ingestion.inbox.bucketName,
      description: `Upload readouts under ${this.ingestion.prefix}`,
    });
    new CfnOutput(this, 'UploadPrefix', { value: this.ingestion.prefix });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'IndexBucketName', { value: this.index.bucket.bucketName });
    new CfnOutput(this, 'ReindexFunctionName', { value: this.index.reindexFunction.functionName });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarmTopic.topicArn,
      description: 'Every alarm of the stack publishes here',
    });
    new CfnOutput(this, 'IngestDeadLetterQueueUrl', { value: this.ingestion.deadLetterQueue.queueUrl });
  }
}
