/**
 * Where the command-line tools point: the local stack (default) or, with `--aws`, a deployed stack
 * (credentials from the usual AWS chain; TABLE_NAME / INDEX_BUCKET / INBOX_BUCKET from the stack outputs).
 */
import { LOCAL_CREDENTIALS } from './credentials.ts';
import { localEnv } from './env.ts';

export function configureTarget(argv: string[]): { aws: boolean } {
  const aws = argv.includes('--aws');
  if (!aws) {
    Object.assign(process.env, {
      TABLE_NAME: localEnv.tableName,
      INDEX_BUCKET: localEnv.indexBucket,
      INBOX_BUCKET: localEnv.inboxBucket,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: `http://${localEnv.host}:${localEnv.dynamoPort}`,
      AWS_ENDPOINT_URL_S3: localEnv.s3Endpoint,
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    });
  }
  return { aws };
}
