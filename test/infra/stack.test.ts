/** The synthesized template: every resource of the architecture, its safe defaults, and cdk-nag. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { addNagChecks } from '../../infra/nag.ts';
import { ReadoutSearchStack } from '../../infra/readout-search-stack.ts';

const cdkContext = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;

function synth(apiAuth?: 'iam' | 'none' | 'jwt') {
  // Skip bundling (esbuild is exercised by `npm run build` and the integration tests).
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
  const stack = new ReadoutSearchStack(app, 'ReadoutSearch', {
    apiAuth,
    jwtIssuer: apiAuth === 'jwt' ? 'https://issuer.example.com/pool' : undefined,
    jwtAudience: apiAuth === 'jwt' ? ['client-id'] : undefined,
  });
  addNagChecks(app);
  // With cdk-nag plugged in, synth throws on any unacknowledged finding.
  const assembly = app.synth();
  return { stack, template: Template.fromStack(stack), assembly };
}

const { stack, template, assembly } = synth();
const resources = (type: string) => template.findResources(type);
const policiesOf = (roleLogicalIdPrefix: string) =>
  Object.entries(resources('AWS::IAM::Policy'))
    .filter(([, p]) =>
      (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref.startsWith(roleLogicalIdPrefix)),
    )
    .flatMap(
      ([, p]) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>,
    );
const actionsOf = (prefix: string) => policiesOf(prefix).flatMap((s) => [s.Action].flat());

describe('cdk-nag', () => {
  it('synthesizes with the AwsSolutions and Serverless packs and no unacknowledged finding', () => {
    // The synth above (at load) throws on any unacknowledged finding; here: it ran with the packs on.
    const messages = assembly.getStackArtifact(stack.artifactId).messages;
    expect(messages.filter((m) => m.level === 'error')).toEqual([]);
    expect(Object.keys(resources('AWS::Lambda::Function')).length).toBeGreaterThan(5);
  });
});

describe('storage', () => {
  it('every bucket blocks public access, is encrypted and refuses plain HTTP', () => {
    const buckets = resources('AWS::S3::Bucket');
    expect(Object.keys(buckets).length).toBe(3);
    for (const b of Object.values(buckets)) {
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(b.Properties.BucketEncryption).toBeDefined();
    }
    const policies = Object.values(resources('AWS::S3::BucketPolicy'));
    expect(policies.length).toBe(3);
    for (const p of policies) {
      expect(JSON.stringify(p.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('the inbox is versioned and notifies the queue of creations and removals under readouts/', () => {
    template.hasResourceProperties('AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } });
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: Match.arrayWith([
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'readouts/' }] } },
          }),
          Match.objectLike({
            Events: ['s3:ObjectRemoved:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'readouts/' }] } },
          }),
        ]),
      },
    });
  });

  it('the table is on-demand, with point-in-time recovery and a stream', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    });
  });
});

describe('ingestion', () => {
  it('queues are encrypted and the ingest queue dead-letters after 3 receives', () => {
    const queues = Object.values(resources('AWS::SQS::Queue'));
    expect(queues.length).toBe(3);
    for (const q of queues) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { maxReceiveCount: 3, deadLetterTargetArn: Match.anyValue() },
      VisibilityTimeout: 360,
    });
  });

  it('the ingest function consumes the queue in batches with partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IngestionQueue'), 'Arn'] },
    });
  });

  it('alarms on dead letters (count and age) and function errors', () => {
    const alarms = Object.values(resources('AWS::CloudWatch::Alarm'));
    expect(alarms.filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible').length).toBe(1);
    expect(alarms.filter((a) => a.Properties.MetricName === 'ApproximateAgeOfOldestMessage')).toHaveLength(1);
    expect(alarms.filter((a) => a.Properties.MetricName === 'Errors').length).toBe(4); // ingest, index, search, reconcile
  });

  it('old upload versions and access logs expire after a documented period', () => {
    const rules = Object.values(resources('AWS::S3::Bucket')).flatMap(
      (b) => b.Properties.LifecycleConfiguration?.Rules ?? [],
    );
    expect(rules).toContainEqual(
      expect.objectContaining({
        NoncurrentVersionExpiration: { NoncurrentDays: 90 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      }),
    );
    expect(rules).toContainEqual(expect.objectContaining({ ExpirationInDays: 365 }));
  });
});

describe('alarms and repair without a human', () => {
  it('every alarm notifies one encrypted topic that refuses plain HTTP', () => {
    const alarms = Object.values(resources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThanOrEqual(9);
    const topicId = Object.keys(resources('AWS::SNS::Topic'))[0]!;
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('an alarm email is an opt-in subscription', () => {
    const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
    const withEmail = Template.fromStack(new ReadoutSearchStack(app, 'WithEmail', { alarmEmail: 'ops@example.com' }));
    withEmail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('handled 500s, indexing lag and given-up index batches have alarms', () => {
    const byMetric = (name: string) =>
      Object.values(resources('AWS::CloudWatch::Alarm')).filter((a) => a.Properties.MetricName === name);
    expect(byMetric('InternalErrors')).toHaveLength(1);
    expect(byMetric('InternalErrors')[0]!.Properties).toMatchObject({ Namespace: 'ReadoutSearch', Statistic: 'Sum' });
    expect(byMetric('IteratorAge')).toHaveLength(1);
    expect(byMetric('IteratorAge')[0]!.Properties.Threshold).toBe(300_000);
    expect(byMetric('NumberOfMessagesSent')).toHaveLength(1);
  });

  it('drift repair runs on a schedule and on every given-up index batch, one run at a time', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(30 minutes)',
      Targets: [Match.objectLike({ DeadLetterConfig: Match.anyValue(), RetryPolicy: Match.anyValue() })],
    });
    const reconcile = Object.entries(resources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith('DriftRepairReconcileFunction'),
    )!;
    expect(reconcile[1].Properties.ReservedConcurrentExecutions).toBe(1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: reconcile[0] },
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IndexFailedBatches'), 'Arn'] },
    });
  });

  it('the search function has reserved concurrency, so expensive requests cannot starve ingestion', () => {
    const search = Object.entries(resources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith('ApiSearchFunction'),
    )!;
    expect(search[1].Properties.ReservedConcurrentExecutions).toBe(50);
  });
});

describe('index', () => {
  it('the index function reads only readout items from the stream, retries, and parks failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      MaximumRetryAttempts: 10,
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              dynamodb: { Keys: { pk: { S: [{ prefix: 'READOUT#' }] }, sk: { S: ['META'] } } },
            }),
          },
        ],
      },
    });
  });
});

describe('functions', () => {
  it('six esbuild-bundled functions on nodejs22.x with explicit memory, timeout and tracing', () => {
    const fns = Object.values(resources('AWS::Lambda::Function')).filter((f) =>
      /FunctionRole/.test(f.Properties.Role?.['Fn::GetAtt']?.[0] ?? ''),
    );
    expect(fns.length).toBe(6);
    for (const f of fns) {
      expect(f.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
      expect(f.Properties.MemorySize).toBeGreaterThanOrEqual(256);
      expect(f.Properties.Timeout).toBeGreaterThan(0);
      expect(f.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it('least privilege: no wildcard actions; ingest cannot write the index; search is read-only', () => {
    for (const prefix of [
      'IngestionIngestFunctionRole',
      'IndexIndexFunctionRole',
      'IndexReindexFunctionRole',
      'ApiSearchFunctionRole',
      'ApiUploadsFunctionRole',
      'DriftRepairReconcileFunctionRole',
    ]) {
      const actions = actionsOf(prefix);
      expect(actions.length).toBeGreaterThan(0);
      for (const a of actions.filter((x) => !x.startsWith('xray:'))) expect(a).not.toContain('*');
    }
    const ingest = policiesOf('IngestionIngestFunctionRole');
    expect(JSON.stringify(ingest)).not.toContain('IndexArtifacts');
    expect(actionsOf('IngestionIngestFunctionRole')).not.toContain('s3:PutObject');
    const uploads = policiesOf('ApiUploadsFunctionRole').filter((st) => [st.Action].flat().includes('s3:PutObject'));
    expect(JSON.stringify(uploads.map((st) => st.Resource))).toContain('/readouts/uploads/*');
    expect(actionsOf('ApiUploadsFunctionRole').filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
    const search = actionsOf('ApiSearchFunctionRole');
    for (const write of [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      's3:PutObject',
      's3:DeleteObject',
    ])
      expect(search).not.toContain(write);
  });
});

describe('API', () => {
  it('an HTTP API whose routes all require IAM authorisation by default', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    const routes = Object.values(resources('AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual([
      'GET /compare',
      'GET /digest',
      'GET /health',
      'GET /openapi.json',
      'GET /readouts',
      'GET /readouts/{id}',
      'GET /search',
      'GET /topics',
      'POST /uploads',
    ]);
    for (const r of routes) expect(r.Properties.AuthorizationType).toBe('AWS_IAM');
  });

  it('the stage is throttled and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });

  it('an open API is an explicit opt-in and still throttled', () => {
    const open = synth('none').template;
    for (const r of Object.values(open.findResources('AWS::ApiGatewayV2::Route')))
      expect(r.Properties.AuthorizationType).toBe('NONE');
    open.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { ThrottlingRateLimit: 50 } });
  });

  it('JWT authorisation is the documented alternative', () => {
    const jwt = synth('jwt').template;
    jwt.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://issuer.example.com/pool', Audience: ['client-id'] },
    });
    for (const r of Object.values(jwt.findResources('AWS::ApiGatewayV2::Route')))
      expect(r.Properties.AuthorizationType).toBe('JWT');
  });

  it('outputs the API URL and the bucket to upload to', () => {
    const outputs = template.findOutputs('*');
    for (const name of ['ApiUrl', 'InboxBucketName', 'UploadPrefix', 'TableName', 'IndexBucketName'])
      expect(outputs[name]).toBeDefined();
    expect(stack.ingestion.prefix).toBe('readouts/');
  });
});
