/**
 * The DynamoDB side. One table, three item families:
 *   KEY#<s3 key>  / STATUS   ingestion status of an object key (stored, rejected, deleted) + its S3 sequencer
 *   READOUT#<id>  / META     the readout: metadata attributes + gzipped record (chunk 0)
 *   READOUT#<id>  / PART#n   further gzipped chunks of large records
 *   INDEX         / POINTER  the current published index version (compare-and-set fenced)
 * Writes for one key happen in one transaction conditioned on the status item's sequencer, so an
 * older S3 event can never overwrite a newer one, and a readout is never half-written.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { isConditionFailure, RecordTooLargeError, WriteContentionError } from './errors.ts';
import {
  GetCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Readout } from '../readout/types.ts';
import { documentClient } from './aws-clients.ts';

export type IngestStatus = 'stored' | 'rejected' | 'deleted' | 'failed';

export interface KeyStatus {
  key: string;
  status: IngestStatus;
  sequencer: string;
  readoutId: string | null;
  etag: string | null;
  code?: string;
  reason?: string;
  parts?: number;
  updatedAt: string;
  /** The last processing error of this key (cleared by the next successful write). */
  lastError?: string;
  lastErrorAt?: string;
  failures?: number;
}

/**
 * The published index: a base artifact (`key`, built at `baseVersion`) plus, in order, the delta
 * segments published since. Publishing one readout adds a small delta instead of rewriting the base.
 */
export interface IndexPointer {
  version: number;
  key: string;
  baseVersion?: number;
  deltas?: string[];
  docCount: number;
  publishedAt: string;
}

export interface ReadoutSummary {
  id: string;
  key: string;
  sequencer: string;
}

/** Bytes of gzipped record per item: well under DynamoDB's 400 KB item limit. */
const CHUNK = 300_000;
/** A transaction carries at most 4 MB: cap the compressed record below it. */
export const MAX_RECORD_BYTES = 3_500_000;

const keyPk = (key: string) => `KEY#${key}`;
const readoutPk = (id: string) => `READOUT#${id}`;
const partSk = (n: number) => `PART#${String(n).padStart(4, '0')}`;

/** What the index publisher and readers need of the table: the readouts and the index pointer. */
export interface IndexTable {
  getReadout(id: string): Promise<(Readout & { sequencer: string }) | null>;
  listReadouts(): AsyncGenerator<ReadoutSummary>;
  getIndexPointer(): Promise<IndexPointer | null>;
  /** Moves the pointer from `expected` (null = none yet) to `next`; false when someone else moved it first. */
  swapIndexPointer(expected: number | null, next: IndexPointer): Promise<boolean>;
}

export interface ReadoutTable extends IndexTable {
  getStatus(key: string): Promise<KeyStatus | null>;
  putReadout(readout: Readout, sequencer: string): Promise<'written' | 'stale'>;
  recordRejection(
    key: string,
    sequencer: string,
    etag: string | null,
    code: string,
    reason: string,
  ): Promise<'written' | 'stale'>;
  deleteKey(key: string, sequencer: string): Promise<'written' | 'stale'>;
  /** Notes why processing this key failed (it will be retried), without touching its data. */
  recordFailure(key: string, message: string): Promise<void>;
}

export class DynamoReadoutTable implements ReadoutTable {
  constructor(private readonly tableName: string) {}

  async getStatus(key: string): Promise<KeyStatus | null> {
    const r = await documentClient().send(
      new GetCommand({ TableName: this.tableName, Key: { pk: keyPk(key), sk: 'STATUS' }, ConsistentRead: true }),
    );
    return (r.Item as KeyStatus | undefined) ?? null;
  }

  /**
   * Runs `build` against the current status and commits it only if the status is unchanged and the
   * event is newer than what is stored. Retries on concurrent writers; reports stale events.
   */
  private async commit(
    key: string,
    sequencer: string,
    build: (current: KeyStatus | null) => NonNullable<TransactWriteCommandInput['TransactItems']>,
  ): Promise<'written' | 'stale'> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const current = await this.getStatus(key);
      if (current && current.sequencer >= sequencer) return 'stale';
      const items = build(current);
      const statusCondition = current
        ? { ConditionExpression: 'sequencer = :seen', ExpressionAttributeValues: { ':seen': current.sequencer } }
        : { ConditionExpression: 'attribute_not_exists(pk)' };
      const status = items[0]!.Put!;
      Object.assign(status, statusCondition);
      try {
        await documentClient().send(new TransactWriteCommand({ TransactItems: items }));
        return 'written';
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
      }
    }
    throw new WriteContentionError(key);
  }

  async putReadout(readout: Readout, sequencer: string): Promise<'written' | 'stale'> {
    const key = readout.source.key;
    const packed = gzipSync(Buffer.from(JSON.stringify(readout)));
    if (packed.length > MAX_RECORD_BYTES) throw new RecordTooLargeError(packed.length, MAX_RECORD_BYTES);
    const chunks: Buffer[] = [];
    for (let i = 0; i < packed.length; i += CHUNK) chunks.push(packed.subarray(i, i + CHUNK));
    const now = new Date().toISOString();
    return this.commit(key, sequencer, (current) => {
      const oldParts = current?.status === 'stored' ? (current.parts ?? 1) : 0;
      const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
        {
          Put: {
            TableName: this.tableName,
            Item: {
              pk: keyPk(key),
              sk: 'STATUS',
              key,
              status: 'stored',
              sequencer,
              readoutId: readout.id,
              etag: readout.source.etag,
              parts: chunks.length,
              updatedAt: now,
            },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: {
              pk: readoutPk(readout.id),
              sk: 'META',
              id: readout.id,
              key,
              sequencer,
              parts: chunks.length,
              updatedAt: now,
              title: readout.title,
              publisher: readout.publisher,
              publishedDate: readout.publishedDate,
              eventDate: readout.eventDate,
              kind: readout.kind,
              data: chunks[0],
            },
          },
        },
      ];
      for (let i = 1; i < chunks.length; i++)
        items.push({
          Put: { TableName: this.tableName, Item: { pk: readoutPk(readout.id), sk: partSk(i), data: chunks[i] } },
        });
      for (let i = chunks.length; i < oldParts; i++)
        items.push({ Delete: { TableName: this.tableName, Key: { pk: readoutPk(readout.id), sk: partSk(i) } } });
      return items;
    });
  }

  async recordRejection(
    key: string,
    sequencer: string,
    etag: string | null,
    code: string,
    reason: string,
  ): Promise<'written' | 'stale'> {
    const now = new Date().toISOString();
    // The previous readout of this key (if any) stays as it was: bad input never destroys stored data.
    return this.commit(key, sequencer, (current) => [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            pk: keyPk(key),
            sk: 'STATUS',
            key,
            status: 'rejected',
            sequencer,
            etag,
            code,
            reason,
            readoutId: current?.status === 'stored' || current?.status === 'rejected' ? current.readoutId : null,
            parts: current?.parts,
            updatedAt: now,
          },
        },
      },
    ]);
  }

  async deleteKey(key: string, sequencer: string): Promise<'written' | 'stale'> {
    const now = new Date().toISOString();
    return this.commit(key, sequencer, (current) => {
      const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
        // The tombstone keeps the sequencer, so a late create event for an older version cannot resurrect it.
        {
          Put: {
            TableName: this.tableName,
            Item: {
              pk: keyPk(key),
              sk: 'STATUS',
              key,
              status: 'deleted',
              sequencer,
              readoutId: null,
              etag: null,
              updatedAt: now,
            },
          },
        },
      ];
      if (current?.readoutId) {
        items.push({ Delete: { TableName: this.tableName, Key: { pk: readoutPk(current.readoutId), sk: 'META' } } });
        for (let i = 1; i < (current.parts ?? 1); i++)
          items.push({
            Delete: { TableName: this.tableName, Key: { pk: readoutPk(current.readoutId), sk: partSk(i) } },
          });
      }
      return items;
    });
  }

  async recordFailure(key: string, message: string): Promise<void> {
    // A key never seen before becomes "failed" with the lowest sequencer, so any real event outranks it.
    await documentClient().send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: keyPk(key), sk: 'STATUS' },
        UpdateExpression:
          'SET lastError = :e, lastErrorAt = :t, #k = if_not_exists(#k, :key), #s = if_not_exists(#s, :failed), sequencer = if_not_exists(sequencer, :zero), updatedAt = if_not_exists(updatedAt, :t) ADD failures :one',
        ExpressionAttributeNames: { '#k': 'key', '#s': 'status' },
        ExpressionAttributeValues: {
          ':e': message.slice(0, 1000),
          ':t': new Date().toISOString(),
          ':key': key,
          ':failed': 'failed',
          ':zero': '0'.repeat(32),
          ':one': 1,
        },
      }),
    );
  }

  async getReadout(id: string): Promise<(Readout & { sequencer: string }) | null> {
    const items: Array<Record<string, unknown>> = [];
    let start: Record<string, unknown> | undefined;
    do {
      const r = await documentClient().send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': readoutPk(id) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(r.Items ?? []));
      start = r.LastEvaluatedKey;
    } while (start);
    const meta = items.find((i) => i.sk === 'META');
    if (!meta) return null;
    const parts = items
      .filter((i) => typeof i.sk === 'string' && (i.sk as string).startsWith('PART#'))
      .sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
    const count = Number(meta.parts ?? 1);
    if (parts.length < count - 1) throw new Error(`readout ${id} is missing ${count - 1 - parts.length} part(s)`);
    const buf = Buffer.concat(
      [meta.data as Uint8Array, ...parts.slice(0, count - 1).map((p) => p.data as Uint8Array)].map((b) =>
        Buffer.from(b),
      ),
    );
    return { ...(JSON.parse(gunzipSync(buf).toString('utf8')) as Readout), sequencer: String(meta.sequencer) };
  }

  async *listReadouts(): AsyncGenerator<ReadoutSummary> {
    let start: Record<string, unknown> | undefined;
    do {
      const r = await documentClient().send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'sk = :meta',
          ExpressionAttributeValues: { ':meta': 'META' },
          ProjectionExpression: 'id, #k, sequencer',
          ExpressionAttributeNames: { '#k': 'key' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const i of r.Items ?? []) yield { id: String(i.id), key: String(i.key), sequencer: String(i.sequencer) };
      start = r.LastEvaluatedKey;
    } while (start);
  }

  async getIndexPointer(): Promise<IndexPointer | null> {
    const r = await documentClient().send(
      new GetCommand({ TableName: this.tableName, Key: { pk: 'INDEX', sk: 'POINTER' }, ConsistentRead: true }),
    );
    if (!r.Item) return null;
    const { version, key, docCount, publishedAt, baseVersion, deltas } = r.Item;
    return {
      version: Number(version),
      key: String(key),
      docCount: Number(docCount),
      publishedAt: String(publishedAt),
      baseVersion: baseVersion === undefined ? Number(version) : Number(baseVersion),
      deltas: Array.isArray(deltas) ? deltas.map(String) : [],
    };
  }

  async swapIndexPointer(expected: number | null, next: IndexPointer): Promise<boolean> {
    try {
      await documentClient().send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: 'INDEX', sk: 'POINTER' },
          UpdateExpression:
            'SET version = :next, #k = :key, docCount = :count, publishedAt = :at, baseVersion = :base, deltas = :deltas',
          ConditionExpression: expected === null ? 'attribute_not_exists(pk)' : 'version = :expected',
          ExpressionAttributeNames: { '#k': 'key' },
          ExpressionAttributeValues: {
            ':next': next.version,
            ':key': next.key,
            ':count': next.docCount,
            ':at': next.publishedAt,
            ':base': next.baseVersion ?? next.version,
            ':deltas': next.deltas ?? [],
            ...(expected === null ? {} : { ':expected': expected }),
          },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }
}
