/**
 * The local stack: DynamoDB Local + s3rver + the bundled Lambda handlers, wired with the same
 * triggers as on AWS: S3 notifications (keys URL-encoded as S3 does) → SQS-like queue → ingest;
 * DynamoDB stream → index; HTTP → API Gateway v2 events → search. Used by `npm start` and tests.
 */
import { existsSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Server } from 'node:http';
import type { Context, DynamoDBStreamEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { encodeEventKey } from '../shared/pipeline/s3-events.ts';
import { lambdaContext } from './lambda-context.ts';
import { LocalQueue, type DeadLetter, type LocalQueueOptions } from './local-queue.ts';
import { ensureTable, LOCAL_CREDENTIALS, startDynamoDbLocal, startS3rver } from './services.ts';
import { StreamPoller } from './stream-poller.ts';
import { startHttpAdapter } from './http-adapter.ts';
import { FUNCTION_NAMES } from '../infra/bundling.ts';

export interface LocalStackOptions {
  /** @default '127.0.0.1' */ host?: string;
  /** 0 picks a free port. @default 3000 */ apiPort?: number;
  /** @default 4569 */ s3Port?: number;
  /** @default 8000 */ dynamoPort?: number;
  /** Where DynamoDB Local and s3rver keep their data. null = a throw-away folder. @default '.data' */
  dataDir?: string | null;
  /** Start from empty data. @default false */ fresh?: boolean;
  /** @default 'readout-inbox' */ inboxBucket?: string;
  /** @default 'readout-index' */ indexBucket?: string;
  /** @default 'readouts' */ tableName?: string;
  /** The bundled handlers (npm run build). @default 'dist/functions' */ functionsDir?: string;
  /** Queue semantics overrides (tests use short retry delays). */ queue?: Partial<
    Omit<LocalQueueOptions, 'name' | 'consumer'>
  >;
  /** @default 500 ms locally */ indexPollMs?: number;
  /** Object key prefix that triggers ingestion. @default 'readouts/' */ prefix?: string;
  log?: (line: string) => void;
  /** Fault injection for tests: wraps event delivery to the ingest queue (duplicate, delay, drop...). */
  deliverS3Event?: (body: string, send: (body: string, delayMs?: number) => void) => void;
  /** Fault injection for tests: wrap the ingest / index invocations (crash a batch, kill a run). */
  wrapIngest?: (
    invoke: (event: SQSEvent) => Promise<SQSBatchResponse>,
  ) => (event: SQSEvent) => Promise<SQSBatchResponse>;
  wrapIndex?: (
    invoke: (event: DynamoDBStreamEvent) => Promise<unknown>,
  ) => (event: DynamoDBStreamEvent) => Promise<unknown>;
  /** Stream batch retries before a batch is given up (Lambda's MaximumRetryAttempts). @default 10 */
  streamMaxRetries?: number;
  /**
   * The reconcile function, wired as on AWS: run whenever a stream batch is given up (the failed-
   * batch queue) and, with `everyMs`, on a schedule. @default { onFailedBatch: true } (no schedule)
   */
  reconcile?: { everyMs?: number; onFailedBatch?: boolean };
  /** Stream shards that exist at start are read from 'LATEST' (see StreamPoller). @default 'TRIM_HORIZON' */
  streamStartAt?: 'TRIM_HORIZON' | 'LATEST';
}

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

export interface LocalStack {
  apiUrl: string;
  s3Endpoint: string;
  dynamoEndpoint: string;
  inboxBucket: string;
  indexBucket: string;
  tableName: string;
  prefix: string;
  ingestQueue: LocalQueue;
  deadLetters: DeadLetter[];
  invokeIngest: (event: SQSEvent) => Promise<SQSBatchResponse>;
  invokeIndex: (event: DynamoDBStreamEvent) => Promise<unknown>;
  reindex: () => Promise<unknown>;
  /** Runs the reconcile function now (one run at a time; a request during a run queues one more). */
  reconcile: () => Promise<unknown>;
  /** Reconcile runs finished so far. */
  reconcileRuns: () => number;
  /** Records the stream poller has handed to the index function so far. */
  streamDelivered: () => number;
  /** Sends an S3 notification body to the ingest queue, as S3 would. */
  sendS3Event: (body: string) => void;
  nextSequencer: () => string;
  stop: () => Promise<void>;
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createNetServer();
    srv.once('error', rej);
    srv.listen(0, host, () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => res(port));
    });
  });
}

/** S3 sequencers grow per key; locally one clock-based counter gives the same ordering. */
function sequencerClock() {
  let last = 0;
  return () => {
    last = Math.max(last + 1, Date.now() * 4096);
    return last.toString(16).toUpperCase().padStart(16, '0');
  };
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const dataDir = options.dataDir === null ? null : resolve(options.dataDir ?? '.data');
  const inboxBucket = options.inboxBucket ?? 'readout-inbox';
  const indexBucket = options.indexBucket ?? 'readout-index';
  const tableName = options.tableName ?? 'readouts';
  const prefix = options.prefix ?? 'readouts/';
  const functionsDir = resolve(options.functionsDir ?? 'dist/functions');
  for (const f of FUNCTION_NAMES) {
    if (!existsSync(join(functionsDir, f, 'index.mjs')))
      throw new Error(`missing bundled handler ${join(functionsDir, f, 'index.mjs')}: run "npm run build" first`);
  }
  if (dataDir && options.fresh) rmSync(dataDir, { recursive: true, force: true });
  const tmpDir = dataDir ?? resolve('.data-tmp', `${process.pid}-${Date.now()}`);

  const pick = async (p: number | undefined, d: number) => (p === 0 ? freePort(host) : (p ?? d));
  const [apiPort, s3Port, dynamoPort] = [
    await pick(options.apiPort, 3000),
    await pick(options.s3Port, 4569),
    await pick(options.dynamoPort, 8000),
  ];

  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    if (!dataDir) rmSync(tmpDir, { recursive: true, force: true });
  };
  try {
    const dynamo = await startDynamoDbLocal(dynamoPort, dataDir ? join(dataDir, 'dynamodb') : null);
    stops.push(dynamo.stop);
    const streamArn = await ensureTable(dynamo.endpoint, tableName);
    const s3 = await startS3rver(s3Port, host, join(tmpDir, 's3'), [inboxBucket, indexBucket]);
    stops.push(s3.stop);

    // The handlers read these exactly as they read the stack's environment on AWS.
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      INBOX_BUCKET: inboxBucket,
      INDEX_BUCKET: indexBucket,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      // s3rver predates S3's default CRC checksums.
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      INDEX_POLL_MS: String(options.indexPollMs ?? 500),
      UPLOAD_PREFIX: prefix,
      CURSOR_SECRET: process.env.CURSOR_SECRET ?? randomBytes(32).toString('hex'),
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    });
    const load = async <E, R>(name: string) =>
      ((await import(pathToFileURL(join(functionsDir, name, 'index.mjs')).href)) as { handler: Handler<E, R> }).handler;
    const ingest = await load<SQSEvent, SQSBatchResponse>('ingest');
    const index = await load<DynamoDBStreamEvent, unknown>('index');
    const search = await load<
      Parameters<Parameters<typeof startHttpAdapter>[0]>[0],
      Awaited<ReturnType<Parameters<typeof startHttpAdapter>[0]>>
    >('search');
    const reindexHandler = await load<Record<string, never>, unknown>('reindex');
    const reconcileHandler = await load<Record<string, never>, unknown>('reconcile');
    const uploads = await load<Parameters<typeof search>[0], Awaited<ReturnType<typeof search>>>('uploads');
    // API Gateway routes POST /uploads to the uploads function and every GET route to search.
    const api: typeof search = (event, context) =>
      event.requestContext.http.method === 'POST' && event.rawPath === '/uploads'
        ? uploads(event, context)
        : search(event, context);

    const realIngest = (event: SQSEvent) => ingest(event, lambdaContext('ingest', 60_000));
    const realIndex = (event: DynamoDBStreamEvent) => index(event, lambdaContext('index', 300_000));
    const invokeIngest = options.wrapIngest ? options.wrapIngest(realIngest) : realIngest;
    const invokeIndex = options.wrapIndex ? options.wrapIndex(realIndex) : realIndex;

    const ingestQueue = new LocalQueue({
      name: 'ingest',
      consumer: invokeIngest,
      ...options.queue,
      onDeadLetter: (d) => log(`dead-lettered message ${d.messageId} after ${d.receiveCount} receives: ${d.reason}`),
    });
    ingestQueue.start();
    stops.push(() => ingestQueue.stop());

    const nextSequencer = sequencerClock();
    const send = (body: string, delayMs = 0) => {
      ingestQueue.send(body, delayMs);
    };
    const sendS3Event = (body: string) => (options.deliverS3Event ? options.deliverS3Event(body, send) : send(body));
    s3.server.on('event', (e: unknown) => {
      const evt = e as {
        Records: Array<{ s3: { bucket: { name: string }; object: { key: string; sequencer: string } } }>;
      };
      const records = evt.Records.filter((r) => r.s3.bucket.name === inboxBucket && r.s3.object.key.startsWith(prefix));
      if (!records.length) return;
      for (const r of records) {
        r.s3.object.key = encodeEventKey(r.s3.object.key); // what AWS sends
        r.s3.object.sequencer = nextSequencer();
      }
      sendS3Event(JSON.stringify({ Records: records }));
    });

    // One reconcile run at a time; asked for during a run, it runs once more afterwards.
    let reconciling: Promise<unknown> | null = null;
    let again = false;
    let reconcileRuns = 0;
    const reconcile = (): Promise<unknown> => {
      if (reconciling) {
        again = true;
        return reconciling;
      }
      reconciling = (async () => {
        let result: unknown;
        do {
          again = false;
          result = await reconcileHandler({}, lambdaContext('reconcile', 900_000)).catch((e: Error) =>
            log(`reconcile failed: ${e.message}`),
          );
          reconcileRuns++;
        } while (again);
        return result;
      })().finally(() => {
        reconciling = null;
      });
      return reconciling;
    };
    const onFailedBatch = options.reconcile?.onFailedBatch ?? true;
    const poller = new StreamPoller({
      endpoint: dynamo.endpoint,
      streamArn,
      consumer: invokeIndex,
      maxRetries: options.streamMaxRetries,
      startAt: options.streamStartAt,
      onError: (e, attempt) => log(`index batch failed (attempt ${attempt}): ${e.message}`),
      onGiveUp: (n) => {
        log(`index batch of ${n} record(s) given up${onFailedBatch ? ': reconciling' : ''}`);
        if (onFailedBatch) void reconcile();
      },
    });
    poller.start();
    stops.push(() => poller.stop());
    if (options.reconcile?.everyMs) {
      const timer = setInterval(() => {
        void reconcile();
      }, options.reconcile.everyMs);
      stops.push(async () => {
        clearInterval(timer);
        await reconciling;
      });
    } else
      stops.push(async () => {
        await reconciling;
      });

    const server: Server = await startHttpAdapter(api as never, apiPort, host);
    stops.push(
      () =>
        new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
    );

    return {
      apiUrl: `http://${host}:${apiPort}`,
      s3Endpoint: s3.endpoint,
      dynamoEndpoint: dynamo.endpoint,
      inboxBucket,
      indexBucket,
      tableName,
      prefix,
      ingestQueue,
      deadLetters: ingestQueue.deadLetters,
      invokeIngest,
      invokeIndex,
      reindex: () => reindexHandler({}, lambdaContext('reindex', 900_000)),
      reconcile,
      reconcileRuns: () => reconcileRuns,
      streamDelivered: () => poller.delivered,
      sendS3Event,
      nextSequencer,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
