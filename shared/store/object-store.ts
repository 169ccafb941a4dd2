/** The S3 side: reading uploaded readouts and reading/writing index artifacts. */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { s3Client } from './aws-clients.ts';

export interface ObjectHead {
  size: number;
  etag: string | null;
  versionId: string | null;
  contentType: string | null;
  /** When the object was written (ISO), if known. */
  lastModified?: string | null;
  /** User metadata (x-amz-meta-*), keys lower case. */
  metadata?: Record<string, string>;
}

/** One entry of a listing. `lastModified` is epoch milliseconds. */
export interface ListedObject {
  key: string;
  etag: string | null;
  size: number;
  lastModified: number;
}

export interface ObjectStore {
  head(bucket: string, key: string): Promise<ObjectHead | null>;
  /**
   * Reads an object; null when it does not exist or, with `ifMatch`, is no longer that version
   * (S3 answers 412 without sending the body).
   */
  get(bucket: string, key: string, ifMatch?: string): Promise<{ head: ObjectHead; body: Uint8Array } | null>;
  /** Bytes [start, end) of an object (an S3 Range GET); fewer when the object ends before `end`. */
  getRange(bucket: string, key: string, start: number, end: number): Promise<Uint8Array>;
  put(bucket: string, key: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  list(bucket: string, prefix: string): AsyncGenerator<ListedObject>;
  delete(bucket: string, key: string): Promise<void>;
}

const isMissing = (e: unknown) =>
  e instanceof NoSuchKey ||
  e instanceof NotFound ||
  (e as { name?: string })?.name === 'NoSuchKey' ||
  (e as { name?: string })?.name === 'NotFound' ||
  (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404;
const unquote = (etag: string | undefined) => (etag ? etag.replace(/^"|"$/g, '') : null);

export class S3ObjectStore implements ObjectStore {
  async head(bucket: string, key: string): Promise<ObjectHead | null> {
    try {
      const r = await s3Client().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return {
        size: r.ContentLength ?? 0,
        etag: unquote(r.ETag),
        versionId: r.VersionId ?? null,
        contentType: r.ContentType ?? null,
        lastModified: r.LastModified?.toISOString() ?? null,
        metadata: r.Metadata ?? {},
      };
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async get(bucket: string, key: string, ifMatch?: string): Promise<{ head: ObjectHead; body: Uint8Array } | null> {
    try {
      const r = await s3Client().send(
        new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: ifMatch ? `"${ifMatch}"` : undefined }),
      );
      const body = await r.Body!.transformToByteArray();
      return {
        head: {
          size: r.ContentLength ?? body.length,
          etag: unquote(r.ETag),
          versionId: r.VersionId ?? null,
          contentType: r.ContentType ?? null,
          lastModified: r.LastModified?.toISOString() ?? null,
          metadata: r.Metadata ?? {},
        },
        body,
      };
    } catch (e) {
      // Only a missing key is "no object"; a missing bucket or denied access is an error to retry and report.
      if (e instanceof NoSuchKey || (e as { name?: string })?.name === 'NoSuchKey') return null;
      if ((e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 412) return null;
      throw e;
    }
  }

  async getRange(bucket: string, key: string, start: number, end: number): Promise<Uint8Array> {
    if (end <= start) return new Uint8Array(0);
    const r = await s3Client().send(
      new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end - 1}` }),
    );
    const body = await r.Body!.transformToByteArray();
    // Shorter only when the range runs past the end of the object (S3 then returns what there is).
    if (body.length > end - start) throw new Error(`range ${start}-${end} of ${key}: got ${body.length} bytes`);
    return body;
  }

  async put(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    contentType = 'application/octet-stream',
  ): Promise<void> {
    await s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
  }

  async *list(bucket: string, prefix: string): AsyncGenerator<ListedObject> {
    // ListObjects (v1) paged by Marker: the same on S3, while s3rver cannot make v2 continuation
    // tokens on Node 22 (its DES cipher is gone from OpenSSL 3) and fails past 1,000 keys.
    let after: string | undefined;
    for (;;) {
      const r = await s3Client().send(new ListObjectsCommand({ Bucket: bucket, Prefix: prefix, Marker: after }));
      const contents = r.Contents ?? [];
      for (const o of contents)
        if (o.Key)
          yield { key: o.Key, etag: unquote(o.ETag), size: o.Size ?? 0, lastModified: o.LastModified?.getTime() ?? 0 };
      if (!r.IsTruncated || !contents.length) break;
      after = contents[contents.length - 1]!.Key;
    }
  }

  async delete(bucket: string, key: string): Promise<void> {
    await s3Client().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }
}
