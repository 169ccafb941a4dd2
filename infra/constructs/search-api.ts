/**
 * HTTPS API (API Gateway HTTP API) → search function. IAM authorisation on every route by default;
 * an open API is an explicit opt-in and is throttled like the rest. Access logs always on.
 */
import { DEFAULTS } from '../../shared/defaults.ts';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  LogGroupLogDestination,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ReadoutFunction } from './readout-function.ts';
import { alarmAboveZero } from './alarms.ts';
import { ROUTES } from '../../shared/api/route-list.ts';

export type ApiAuth = 'iam' | 'jwt' | 'none';

export interface SearchApiProps {
  readonly table: ITableV2;
  readonly indexBucket: IBucket;
  readonly inbox: IBucket;
  readonly inboxPrefix: string;
  /** 'iam' (SigV4), 'jwt' (an OIDC issuer: needs jwtIssuer and jwtAudience), or 'none' (open, still throttled). @default 'iam' */
  readonly auth?: ApiAuth;
  /** Issuer URL for auth 'jwt', e.g. https://cognito-idp.<region>.amazonaws.com/<pool id>. */
  readonly jwtIssuer?: string;
  /** Accepted audiences (client ids) for auth 'jwt'. */
  readonly jwtAudience?: string[];
  /** Steady-state requests per second for the stage. @default 50 */
  readonly rateLimit?: number;
  /** @default 100 */
  readonly burstLimit?: number;
  /** Largest upload a presigned POST allows. @default DEFAULTS.maxObjectBytes (5 MiB) */
  readonly maxUploadBytes?: number;
  /** Search function memory: the index lives in memory. @default DEFAULTS.search.memoryMb (1769: one full vCPU) */
  readonly memorySize?: number;
  /** Concurrency reserved for (and capping) the search function. @default DEFAULTS.search.reservedConcurrency (50) */
  readonly reservedConcurrency?: number;
}

export class SearchApi extends Construct {
  readonly api: HttpApi;
  readonly function: ReadoutFunction;
  readonly uploadsFunction: ReadoutFunction;

  constructor(scope: Construct, id: string, props: SearchApiProps) {
    super(scope, id);
    this.function = new ReadoutFunction(this, 'SearchFunction', {
      name: 'search',
      description: 'Serves search, readouts and ingestion status over HTTPS',
      memorySize: props.memorySize ?? DEFAULTS.search.memoryMb,
      timeout: Duration.seconds(DEFAULTS.search.timeoutSeconds),
      // Expensive requests cannot starve ingestion and indexing of the account's concurrency.
      reservedConcurrentExecutions: props.reservedConcurrency ?? DEFAULTS.search.reservedConcurrency,
      environment: {
        TABLE_NAME: props.table.tableName,
        INDEX_BUCKET: props.indexBucket.bucketName,
        INBOX_BUCKET: props.inbox.bucketName,
        INDEX_POLL_MS: String(DEFAULTS.search.indexPollMs),
      },
    });
    // The key that signs pagination cursors (tamper-evident cursors).
    const cursorKey = new Secret(this, 'CursorKey', {
      description: 'Signs Readout Search pagination cursors',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    cursorKey.grantRead(this.function);
    this.function.addEnvironment('CURSOR_SECRET_ARN', cursorKey.secretArn);
    Validations.of(cursorKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'An HMAC key for pagination cursors: rotating it only invalidates cursors in flight; rotate by replacing the secret value.',
    });
    // Read-only: the table, the index artifacts, and object metadata for ingestion status.
    this.function
      .allow(['dynamodb:GetItem', 'dynamodb:Query'], [props.table.tableArn])
      .allowObjects(props.indexBucket, 'index/', ['s3:GetObject'])
      .allowObjects(props.inbox, props.inboxPrefix, ['s3:GetObject']);

    const auth = props.auth ?? 'iam';
    if (auth === 'jwt' && (!props.jwtIssuer || !props.jwtAudience?.length))
      throw new Error('apiAuth=jwt needs jwtIssuer and jwtAudience');
    const authorizer: IHttpRouteAuthorizer =
      auth === 'iam'
        ? new HttpIamAuthorizer()
        : auth === 'jwt'
          ? new HttpJwtAuthorizer('JwtAuthorizer', props.jwtIssuer!, { jwtAudience: props.jwtAudience! })
          : new HttpNoneAuthorizer();
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Readout Search API',
      defaultAuthorizer: authorizer,
      createDefaultStage: false,
    });
    this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 50, burstLimit: props.burstLimit ?? 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.jsonWithStandardFields(),
      },
    });
    if (auth === 'none') {
      Validations.of(this.api).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'Open API explicitly requested (apiAuth=none); the stage stays throttled.',
      });
    }
    const integration = new HttpLambdaIntegration('SearchIntegration', this.function);
    for (const path of ROUTES) {
      this.api.addRoutes({ path, methods: [HttpMethod.GET], integration });
    }

    // POST /uploads: presigned POSTs for clients without bucket access. A separate function, so that
    // the search function stays read-only; it may only sign writes under <prefix>uploads/.
    this.uploadsFunction = new ReadoutFunction(this, 'UploadsFunction', {
      name: 'uploads',
      description: 'Issues short-lived presigned POSTs for readout uploads',
      memorySize: 256,
      timeout: Duration.seconds(10),
      environment: {
        INBOX_BUCKET: props.inbox.bucketName,
        UPLOAD_PREFIX: props.inboxPrefix,
        MAX_OBJECT_BYTES: String(props.maxUploadBytes ?? DEFAULTS.maxObjectBytes),
      },
    });
    this.uploadsFunction.allowObjects(props.inbox, `${props.inboxPrefix}uploads/`, ['s3:PutObject']);
    this.api.addRoutes({
      path: '/uploads',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('UploadsIntegration', this.uploadsFunction),
    });

    alarmAboveZero(
      this,
      'ErrorsAlarm',
      this.function.metricErrors({ period: Duration.minutes(5) }),
      'The search function is failing',
    );
    // A handled 500 is a successful invocation, invisible to Errors: the functions count it themselves.
    alarmAboveZero(
      this,
      'InternalErrorsAlarm',
      new Metric({
        namespace: 'ReadoutSearch',
        metricName: 'InternalErrors',
        dimensionsMap: { service: 'readout-search' },
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      'The API answered with internal errors (500)',
    );
  }

  get url(): string {
    return this.api.apiEndpoint;
  }
}
