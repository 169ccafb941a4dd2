/**
 * S3 event notifications as they arrive through SQS. Keys are URL-encoded in event records
 * (space as "+"); sequencers order events per key and are compared after right-padding.
 */
export interface ObjectEvent {
  kind: 'created' | 'removed';
  bucket: string;
  key: string;
  sequencer: string;
  size: number | null;
  etag: string | null;
  versionId: string | null;
  eventTime: string | null;
}

/** Event records encode keys like an HTML form: "+" is a space, the rest is percent-encoded. */
export const decodeEventKey = (raw: string) => decodeURIComponent(raw.replace(/\+/g, ' '));
/** The inverse, as S3 does it (slashes stay). Used by the local wiring to send what AWS sends. */
export const encodeEventKey = (key: string) => encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');

/** Sequencers are hex strings of varying length: right-pad to compare as strings. */
export const normaliseSequencer = (s: string) => s.toUpperCase().padEnd(32, '0');

interface S3EventRecord {
  eventName?: string;
  eventTime?: string;
  s3?: {
    bucket?: { name?: string };
    object?: { key?: string; size?: number; eTag?: string; versionId?: string; sequencer?: string };
  };
}

/** Parses one SQS message body. Test events and unknown shapes give no events (they are not failures). */
export function parseS3Notification(body: string): ObjectEvent[] {
  const msg = JSON.parse(body) as { Records?: S3EventRecord[]; Event?: string };
  if (!Array.isArray(msg.Records)) return [];
  const out: ObjectEvent[] = [];
  for (const r of msg.Records) {
    const name = r.eventName ?? '';
    const o = r.s3?.object;
    if (!o?.key || !r.s3?.bucket?.name) continue;
    const kind = name.startsWith('ObjectCreated') ? 'created' : name.startsWith('ObjectRemoved') ? 'removed' : null;
    if (!kind) continue;
    out.push({
      kind,
      bucket: r.s3.bucket.name,
      key: decodeEventKey(o.key),
      sequencer: normaliseSequencer(o.sequencer ?? ''),
      size: o.size ?? null,
      etag: o.eTag ?? null,
      versionId: o.versionId ?? null,
      eventTime: r.eventTime ?? null,
    });
  }
  return out;
}
