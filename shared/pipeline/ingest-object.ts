/**
 * Ingestion of one S3 object event: fetch, decode, parse, store — or record why not.
 * Idempotent and order-safe: the table rejects events older than what it holds for the key.
 */
import { decodeReadout } from '../readout/decode.ts';
import { ParseBudget, ParseBudgetExceededError } from '../readout/parse-budget.ts';
import { parseReadout } from '../readout/parse.ts';
import type { ObjectStore } from '../store/object-store.ts';
import { RecordTooLargeError } from '../store/errors.ts';
import type { ReadoutTable } from '../store/readout-table.ts';
import { readoutIdFor } from './readout-id.ts';
import { DEFAULTS } from '../defaults.ts';
import type { Readout } from '../readout/types.ts';
import type { ObjectEvent } from './s3-events.ts';

export interface IngestDeps {
  objects: ObjectStore;
  table: ReadoutTable;
  maxObjectBytes: number;
  /** Parse time per upload before it is rejected as TOO_COMPLEX. @default DEFAULTS.ingest.parseBudgetMs */
  parseBudgetMs?: number;
}

export type IngestOutcome =
  | { result: 'stored'; readoutId: string; sentences: number }
  | { result: 'rejected'; code: string; reason: string }
  | { result: 'deleted' }
  | { result: 'stale' }
  | { result: 'skipped'; reason: string };

export async function ingestObjectEvent(event: ObjectEvent, deps: IngestDeps): Promise<IngestOutcome> {
  const { objects, table } = deps;
  if (event.kind === 'removed') {
    const r = await table.deleteKey(event.key, event.sequencer);
    return r === 'stale' ? { result: 'stale' } : { result: 'deleted' };
  }
  const known = await table.getStatus(event.key);
  if (known && known.sequencer >= event.sequencer) return { result: 'stale' };

  const reject = async (code: string, reason: string): Promise<IngestOutcome> => {
    const r = await table.recordRejection(event.key, event.sequencer, event.etag, code, reason);
    return r === 'stale' ? { result: 'stale' } : { result: 'rejected', code, reason };
  };

  // Size is checked before the body is read: from the event when it says which version it is about
  // (then one conditional GET does the rest), otherwise from a HEAD.
  const versioned = event.size !== null && event.etag !== null;
  if (versioned) {
    if (event.size! > deps.maxObjectBytes)
      return reject('TOO_LARGE', `object is ${event.size} bytes; the limit is ${deps.maxObjectBytes} bytes`);
  } else {
    const head = await objects.head(event.bucket, event.key);
    if (!head) {
      // HEAD cannot tell a missing key from a missing bucket; GET can (and throws for the latter).
      if (!(await objects.get(event.bucket, event.key)))
        return { result: 'skipped', reason: 'object no longer exists (a removal event follows)' };
      return { result: 'skipped', reason: 'object appeared after HEAD; a newer event follows' };
    }
    if (head.size > deps.maxObjectBytes) {
      return reject('TOO_LARGE', `object is ${head.size} bytes; the limit is ${deps.maxObjectBytes} bytes`);
    }
  }
  const obj = await objects.get(event.bucket, event.key, event.etag ?? undefined);
  // Removed, or overwritten since this event (a newer event for the newer object is on its way).
  // The ETag is compared here too: the local S3 stand-in ignores If-Match.
  if (!obj || (event.etag && obj.head.etag && obj.head.etag !== event.etag)) {
    return { result: 'skipped', reason: 'object was removed or overwritten after this event' };
  }

  const decoded = decodeReadout(event.key, obj.body);
  if (!decoded.ok) return reject(decoded.code, decoded.reason);
  const id = readoutIdFor(event.bucket, event.key);
  let readout: Readout;
  try {
    readout = parseReadout(
      {
        id,
        text: decoded.text,
        format: decoded.format,
        // What the uploader said (x-amz-meta-publisher / -published / -source-url) and when it was uploaded.
        metadata: {
          publisher: obj.head.metadata?.publisher,
          published: obj.head.metadata?.published,
          sourceUrl: obj.head.metadata?.['source-url'],
          uploadedAt: obj.head.lastModified ?? undefined,
        },
        source: {
          bucket: event.bucket,
          key: event.key,
          etag: obj.head.etag,
          versionId: obj.head.versionId ?? event.versionId,
          sequencer: event.sequencer,
          size: obj.head.size,
        },
      },
      { budget: new ParseBudget(deps.parseBudgetMs ?? DEFAULTS.ingest.parseBudgetMs) },
    );
  } catch (e) {
    if (e instanceof ParseBudgetExceededError)
      return reject('TOO_COMPLEX', `${e.message}; split the document or remove repeated markup`);
    throw e;
  }
  if (readout.sentences.length === 0) return reject('NO_SENTENCES', 'no sentences found in the document');
  try {
    const r = await table.putReadout(readout, event.sequencer);
    return r === 'stale'
      ? { result: 'stale' }
      : { result: 'stored', readoutId: id, sentences: readout.sentences.length };
  } catch (e) {
    if (e instanceof RecordTooLargeError) return reject('TOO_LARGE', `${e.message}; the limit is ${e.limit} bytes`);
    throw e;
  }
}
