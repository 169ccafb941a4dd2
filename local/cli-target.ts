/**
 * Where the command-line tools point: the local stack (default) or, with `--aws`, a deployed stack
 * (credentials from the usual AWS chain; TABLE_NAME / INDEX_BUCKET / INBOX_BUCKET from the stack outputs).
 */
import { parseArgs } from 'node:util';
import { LOCAL_CREDENTIALS } from './credentials.ts';
import { localEnv } from './env.ts';

/**
 * Parses a maintenance command's flags (node:util parseArgs: unknown flags are errors, --help prints
 * the usage) and points the process at its target. `extra` names the command's own boolean flags.
 */
export function parseTargetArgs(usage: string, extra: string[] = []): { aws: boolean; flags: Record<string, boolean> } {
  let values: Record<string, boolean | undefined>;
  try {
    values = parseArgs({
      args: process.argv.slice(2),
      options: Object.fromEntries(['aws', 'help', ...extra].map((f) => [f, { type: 'boolean' as const }])),
    }).values as Record<string, boolean | undefined>;
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const aws = !!values.aws;
  configureTarget(aws);
  return { aws, flags: Object.fromEntries(extra.map((f) => [f, !!values[f]])) };
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
