/** Buckets with the project's defaults: no public access, TLS only, encrypted, access-logged. */
import { RemovalPolicy } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  type BucketProps,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface SecureBucketProps {
  /** Where server access logs go; omit only for the access-log bucket itself. */
  readonly accessLogs?: IBucket;
  readonly accessLogsPrefix?: string;
  /** @default false */
  readonly versioned?: boolean;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  readonly lifecycleRules?: BucketProps['lifecycleRules'];
  readonly cors?: BucketProps['cors'];
}

export class SecureBucket extends Bucket {
  constructor(scope: Construct, id: string, props: SecureBucketProps = {}) {
    super(scope, id, {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: props.versioned ?? false,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: props.accessLogs ? (props.accessLogsPrefix ?? `${id.toLowerCase()}/`) : undefined,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      lifecycleRules: props.lifecycleRules,
      cors: props.cors,
    });
  }
}
