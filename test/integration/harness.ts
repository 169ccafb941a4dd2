/** Shared helpers for integration tests: a local stack on free ports with throw-away data. */
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/runtime.ts';
import { s3For } from '../../local/upload-files.ts';

export interface Harness {
  stack: LocalStack;
  s3: S3Client;
  api: <T = any>(path: string) => Promise<{ status: number; body: T }>;
  put: (key: string, body: string | Uint8Array) => Promise<void>;
  del: (key: string) => Promise<void>;
}

export async function startHarness(options: LocalStackOptions = {}): Promise<Harness> {
  const stack = await startLocalStack({
    apiPort: 0,
    s3Port: 0,
    dynamoPort: 0,
    dataDir: null,
    indexPollMs: 100,
    queue: { retryDelayMs: 100, batchWindowMs: 50 },
    ...options,
  });
  const s3 = s3For(stack.s3Endpoint);
  return {
    stack,
    s3,
    api: async (path) => {
      const r = await fetch(`${stack.apiUrl}${path}`);
      return { status: r.status, body: (await r.json()) as any };
    },
    put: async (key, body) => {
      await s3.send(new PutObjectCommand({ Bucket: stack.inboxBucket, Key: key, Body: body }));
    },
    del: async (key) => {
      await s3.send(new DeleteObjectCommand({ Bucket: stack.inboxBucket, Key: key }));
    },
  };
}

/** Polls until `check` returns a truthy value; returns it with the time it took. */
export async function waitFor<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      const v = await check();
      if (v) return { value: v, ms: Date.now() - started };
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
