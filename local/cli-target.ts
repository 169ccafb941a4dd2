/**
 * Where the command-line tools point: the local stack (default) or, with `--aws`, a deployed stack
 * (credentials from the usual AWS chain; TABLE_NAME / INDEX_BUCKET / INBOX_BUCKET from the stack outputs).
 */
import { LOCAL_CREDENTIALS } from './credentials.ts';
import { localEnv } from './env.ts';
import { parseFlags } from './flags.ts';

/**
 * Parses a maintenance command's flags (node:util parseArgs: unknown flags are errors, --help prints
 * the usage) and points the process at its target. `extra` names the command's own boolean flags.
 */
export function parseTargetArgs(usage: string, extra: string[] = []): { aws: boolean; flags: Record<string, boolean> } {
  const { aws, ...flags } = parseFlags(usage, ['aws', ...extra]);
  configureTarget(aws);
  return { aws, flags };
}

export function configureTarget(aws: boolean): { aws: boolean } {
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
