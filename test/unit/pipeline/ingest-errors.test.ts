/** Ingestion turns the storage adapters' typed errors into recorded rejections, never into lost data. */
import { describe, expect, it } from 'vitest';
import { ingestObjectEvent } from '../../../shared/pipeline/ingest-object.ts';
import { RecordTooLargeError } from '../../../shared/store/errors.ts';
import type { KeyStatus, ReadoutTable } from '../../../shared/store/readout-table.ts';
import { MemoryObjects, MemoryTable } from '../../support/memory-stores.ts';

/** A table that holds nothing and cannot fit any record: what DynamoDB does with an oversized one. */
class FullTable extends MemoryTable implements ReadoutTable {
  rejections: Array<{ key: string; code: string; reason: string }> = [];
  async getStatus(): Promise<KeyStatus | null> {
    return null;
  }
  async putReadout(): Promise<'written' | 'stale'> {
    throw new RecordTooLargeError(500_000, 350_000);
  }
  async recordRejection(key: string, _sequencer: string, _etag: string | null, code: string, reason: string) {
    this.rejections.push({ key, code, reason });
    return 'written' as const;
  }
  async deleteKey(): Promise<'written' | 'stale'> {
    return 'written';
  }
  async recordFailure(): Promise<void> {}
}

describe('ingestion and typed storage errors', () => {
  /** One upload of a short readout, ingested against `table`. */
  async function ingestInto(table: FullTable) {
    const objects = new MemoryObjects();
    await objects.put(
      'b',
      'call.txt',
      'Readout\n\nPresident Rufus Firefly spoke with Prime Minister Vera Marena. They agreed.',
    );
    const event = {
      kind: 'created' as const,
      bucket: 'b',
      key: 'call.txt',
      sequencer: '01',
      size: null,
      etag: null,
      versionId: null,
      eventTime: null,
    };
    return ingestObjectEvent(event, { objects, table, maxObjectBytes: 1_000_000 });
  }

  it('a record too large for the table is a TOO_LARGE rejection that says the sizes', async () => {
    const table = new FullTable();
    expect(await ingestInto(table)).toMatchObject({ result: 'rejected', code: 'TOO_LARGE' });
    expect(table.rejections[0]!.reason).toMatch(/500000 bytes compressed; the limit is 350000 bytes/);
  });

  it('any other storage error propagates, so the event is retried', async () => {
    const table = new FullTable();
    table.putReadout = async () => {
      throw new Error('throttled');
    };
    await expect(ingestInto(table)).rejects.toThrow('throttled');
    expect(table.rejections).toEqual([]);
  });
});
