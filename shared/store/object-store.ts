/** The S3 side: reading uploaded readouts and reading/writing index artifacts. */
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, NoSuchKey, NotFound, PutObjectCommand } from '@aws-sdk/client-s3';
import { s3Client } from './aws-clients.ts';

export interface ObjectHead { size: number; etag: string | null; versionId: string | null; contentType: string | null }

export interface ObjectStore {
  head(bucket: string, key: string): Promise<ObjectHead | null>;
  /** Reads at most `maxBytes`; returns null when the object does not exist. */
  get(bucket: string, key: string): Promise<{ head: ObjectHead; body: Uint8Array } | null>;
  put(bucket: string, key: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  list(bucket: string, prefix: string): AsyncGenerator<{ key: string; etag: string | null; size: number }>;
}

const isMissing = (e: unknown) => e instanceof NoSuchKey || e instanceof NotFound || (e as { name?: string })?.name === 'NoSuchKey' || (e as { name?: string })?.name === 'NotFound' || (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404;
const unquote = (etag: string | undefined) => (etag ? etag.replace(/^"|"$/g, '') : null);

export class S3ObjectStore implements ObjectStore {
  async head(bucket: string, key: string): Promise<ObjectHead | null> {
    try {
      const r = await s3Client().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { size: r.ContentLength ?? 0, etag: unquote(r.ETag), versionId: r.VersionId ?? null, contentType: r.ContentType ?? null };
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async get(bucket: string, key: string): Promise<{ head: ObjectHead; body: Uint8Array } | null> {
    try {
      const r = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const body = await r.Body!.transformToByteArray();
      return { head: { size: r.ContentLength ?? body.length, etag: unquote(r.ETag), versionId: r.VersionId ?? null, contentType: r.ContentType ?? null }, body };
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async put(bucket: string, key: string, body: Uint8Array | string, contentType = 'application/octet-stream'): Promise<void> {
    await s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
  }

  async *list(bucket: string, prefix: string): AsyncGenerator<{ key: string; etag: string | null; size: number }> {
    let token: string | undefined;
    do {
      const r = await s3Client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of r.Contents ?? []) if (o.Key) yield { key: o.Key, etag: unquote(o.ETag), size: o.Size ?? 0 };
      token = r.IsTruncated ? r.NextContinuationToken : undefined;
    } while (token);
  }
}
