/** Uploads readout files (or folders of them) to the inbox bucket under the ingestion prefix. */
import { LOCAL_CREDENTIALS } from './credentials.ts';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const CONTENT_TYPES: Record<string, string> = {
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
};

export function collectFiles(paths: string[]): Array<{ path: string; name: string }> {
  const out: Array<{ path: string; name: string }> = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      const walk = (dir: string) => {
        for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
          const full = join(dir, e.name);
          if (e.isDirectory()) walk(full);
          else if (!e.name.startsWith('.')) out.push({ path: full, name: relative(p, full).split('\\').join('/') });
        }
      };
      walk(p);
    } else out.push({ path: p, name: basename(p) });
  }
  return out;
}

export function s3For(endpoint: string | null): S3Client {
  return endpoint
    ? new S3Client({
        endpoint,
        forcePathStyle: true,
        region: 'us-east-1',
        credentials: LOCAL_CREDENTIALS,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      })
    : new S3Client({});
}

/** Uploads; with `skipUnchanged`, objects whose content is already there are left alone (no new event). */
export async function uploadFiles(
  s3: S3Client,
  bucket: string,
  prefix: string,
  files: Array<{ path: string; name: string }>,
  skipUnchanged = false,
): Promise<{ uploaded: string[]; unchanged: string[] }> {
  const uploaded: string[] = [];
  const unchanged: string[] = [];
  for (const f of files) {
    const body = readFileSync(f.path);
    const key = `${prefix}${f.name}`;
    if (skipUnchanged) {
      const md5 = createHash('md5').update(body).digest('hex');
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).catch(() => null);
      if (head?.ETag?.replace(/"/g, '') === md5) {
        unchanged.push(key);
        continue;
      }
    }
    const ext = /\.([a-z]+)$/i.exec(f.name)?.[1]?.toLowerCase() ?? '';
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
      }),
    );
    uploaded.push(key);
  }
  return { uploaded, unchanged };
}
