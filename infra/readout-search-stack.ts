/** Readout Search: ingestion, table, index and API in one stack. */
import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
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
}

export class ReadoutSearchStack extends Stack {
  readonly ingestion: Ingestion;
  readonly index: SearchIndex;
  readonly searchApi: SearchApi;
  readonly table: ReadoutTable;

  constructor(scope: Construct, id: string, props: ReadoutSearchStackProps = {}) {
    super(scope, id, props);
    const accessLogs = new SecureBucket(this, 'AccessLogs');
    this.table = new ReadoutTable(this, 'Readouts');
    this.ingestion = new Ingestion(this, 'Ingestion', { table: this.table.table, accessLogs });
    this.index = new SearchIndex(this, 'Index', { table: this.table.table, accessLogs });
    this.searchApi = new SearchApi(this, 'Api', {
      table: this.table.table, indexBucket: this.index.bucket, inbox: this.ingestion.inbox, inboxPrefix: this.ingestion.prefix, auth: props.apiAuth, jwtIssuer: props.jwtIssuer, jwtAudience: props.jwtAudience,
    });

    // S3 adds a custom-resource Lambda to configure bucket notifications; its role is CDK's, not ours.
    const notifications = this.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
    if (notifications) {
      Validations.of(notifications).acknowledge({ id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: 'CDK-managed custom resource that configures S3 bucket notifications at deploy time.' });
    }

    new CfnOutput(this, 'ApiUrl', { value: this.searchApi.url, description: 'HTTPS API base URL' });
    new CfnOutput(this, 'InboxBucketName', { value: this.ingestion.inbox.bucketName, description: `Upload readouts under ${this.ingestion.prefix}` });
    new CfnOutput(this, 'UploadPrefix', { value: this.ingestion.prefix });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'IndexBucketName', { value: this.index.bucket.bucketName });
    new CfnOutput(this, 'ReindexFunctionName', { value: this.index.reindexFunction.functionName });
    new CfnOutput(this, 'IngestDeadLetterQueueUrl', { value: this.ingestion.deadLetterQueue.queueUrl });
  }
}
