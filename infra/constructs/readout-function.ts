/**
 * Every Lambda function of the stack goes through here: the safe defaults live in one place.
 */
import { type CfnElement, type Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ESM_REQUIRE_BANNER, NODE_TARGET, type FunctionName } from '../bundling.ts';

export interface ReadoutFunctionProps {
  /** Folder under functions/ holding `handler.ts`. */
  readonly name: FunctionName;
  /** Memory in MB; explicit for every function (it also sets the CPU share). */
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment?: Record<string, string>;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** @default undefined (unreserved) */
  readonly reservedConcurrentExecutions?: number;
  readonly description?: string;
}

export class ReadoutFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ReadoutFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An explicit role instead of AWSLambdaBasicExecutionRole: logs go to this function's log group only.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${props.name} function`,
    });
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    super(scope, id, {
      role,
      entry: `functions/${props.name}/handler.ts`,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'readout-search',
        POWERTOOLS_METRICS_NAMESPACE: 'ReadoutSearch',
        ...props.environment,
      },
      // The same esbuild settings as `npm run build` (infra/bundling.ts), so local runs what deploys.
      bundling: {
        format: OutputFormat.ESM,
        target: NODE_TARGET,
        minify: true,
        sourceMap: true,
        banner: ESM_REQUIRE_BANNER,
        mainFields: ['module', 'main'],
        // Bundle the AWS SDK too (as `npm run build` does): the deployed code is the tested code.
        externalModules: [],
      },
    });
    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::<' + this.stack.getLogicalId(logGroup.node.defaultChild as never) + '.Arn>]',
        reason: "Log streams of this function's own log group (the ARN ends in :*).",
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Only actions without resource-level permissions: X-Ray PutTraceSegments/PutTelemetryRecords and, for the stream consumer, dynamodb:ListStreams (added by the event source).',
      },
    );
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason:
          'Pinned to nodejs22.x on purpose: tests and the local runtime run the same Node 22 (package node@22); upgrade both together.',
      },
      {
        id: 'Serverless-LambdaLatestVersion',
        reason:
          'Pinned to nodejs22.x on purpose: tests and the local runtime run the same Node 22; upgrade both together.',
      },
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'Never invoked asynchronously: SQS and stream event source mappings and API Gateway invoke it synchronously; their failures go to the queue and stream dead-letter queues.',
      },
    );
  }

  /** Grants exact object actions under one key prefix of a bucket (no wildcard actions). */
  allowObjects(bucket: IBucket, prefix: string, actions: string[]): this {
    this.allow(actions, [bucket.arnForObjects(`${prefix}*`)]);
    this.allow(['s3:ListBucket'], [bucket.bucketArn]); // so a missing key is a 404, not a 403
    const logicalId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnElement);
    Validations.of(this.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${prefix}*]`,
      reason: `Objects under the ${prefix} prefix only: object keys are not known in advance.`,
    });
    return this;
  }

  /** Grants exactly these actions on exactly these resources (no wildcard actions). */
  allow(actions: string[], resources: string[]): this {
    this.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions, resources }));
    return this;
  }
}
