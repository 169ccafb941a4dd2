/**
 * The whole path through the bundled handlers on DynamoDB Local + s3rver:
 * upload → ingest → table → stream → index → published artifact → HTTP search; replace; delete; rebuild.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startHarness, waitFor, type Harness } from './harness.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stack.stop();
});

const searchIds = async (q: string) =>
  ((await h.api(`/search?q=${encodeURIComponent(q)}&limit=50`)).body.results as any[]).map((r) => r.readout.source.key);

describe('upload → searchable → replaced → deleted', () => {
  const key = 'readouts/e2e/kremlin-style-call.txt';

  it('makes an uploaded readout searchable, with speaker-attributed matching sentences', async () => {
    await h.put(key, fixture('kremlin-style-call.txt'));
    const { ms } = await waitFor(
      async () => (await searchIds('donors conference')).includes(key),
      20_000,
      'the upload to become searchable',
    );
    console.log(`upload → searchable: ${ms} ms`);
    const res = await h.api('/search?q=afghanistan');
    expect(res.status).toBe(200);
    const hit = res.body.results.find((r: any) => r.readout.source.key === key);
    expect(hit.readout).toMatchObject({
      title: 'Telephone conversation with Federal Chancellor of Genovia Anton Weiss',
      kind: 'call',
      publishedDate: '2023-05-10',
    });
    expect(hit.summary.statements[0]).toMatchObject({ speaker: 'weiss', speakerName: 'Anton Weiss' });
    expect(hit.summary.statements[0].text).toContain('Afghanistan');
    const [s, e] = hit.summary.statements[0].highlights[0];
    expect(e - s).toBe('Afghanistan'.length);
  });

  it('reports the key as indexed and serves the full record', async () => {
    const status = await h.api(`/readouts?key=${encodeURIComponent(key)}`);
    expect(status.body).toMatchObject({ key, status: 'indexed' });
    const full = await h.api(`/readouts/${status.body.readoutId}`);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({
      id: status.body.readoutId,
      kind: 'call',
      requestedBy: 'weiss',
      source: { bucket: h.stack.inboxBucket, key },
    });
    expect(full.body.source.etag).toMatch(/^[0-9a-f]{32}$/);
    expect(full.body.participants.map((p: any) => p.id).sort()).toEqual(['firefly', 'weiss']);
    for (const s of full.body.sentences) expect(full.body.text.slice(s.start, s.end)).toBe(s.text);
  });

  it('replaces the readout when the same key is uploaded again', async () => {
    const before = (await h.api(`/readouts?key=${encodeURIComponent(key)}`)).body.readoutId;
    await h.put(key, fixture('news-copy-call.txt'));
    await waitFor(async () => (await searchIds('plekszy')).includes(key), 20_000, 'the new version');
    expect(await searchIds('donors conference')).not.toContain(key);
    const after = (await h.api(`/readouts?key=${encodeURIComponent(key)}`)).body;
    expect(after).toMatchObject({ status: 'indexed', readoutId: before });
    expect((await h.api('/health')).body.readouts).toBe(1);
  });

  it('removes the readout from search when the object is deleted', async () => {
    await h.del(key);
    await waitFor(async () => !(await searchIds('plekszy')).includes(key), 20_000, 'the deletion');
    expect((await h.api(`/readouts?key=${encodeURIComponent(key)}`)).body).toMatchObject({ status: 'deleted' });
  });
});

describe('keys and bad input', () => {
  it('decodes keys with spaces, plus signs and unicode as S3 encodes them', async () => {
    const key = 'readouts/e2e/my readout+draft é.md';
    await h.put(key, fixture('briefing-room.md'));
    const { value } = await waitFor(
      async () => {
        const r = await h.api(`/readouts?key=${encodeURIComponent(key)}`);
        return r.body.status === 'indexed' ? r.body : null;
      },
      20_000,
      'the unicode key',
    );
    expect(value.readout.source.key).toBe(key);
  });

  it('records rejections with their reason and keeps the batch moving', async () => {
    await h.put('readouts/e2e/binary.txt', new Uint8Array([0x41, 0, 0x42, 0, 0, 0, 0x43]));
    await h.put('readouts/e2e/scan.pdf', 'PDF');
    await h.put('readouts/e2e/empty.txt', '');
    for (const [key, code] of [
      ['readouts/e2e/binary.txt', 'BINARY'],
      ['readouts/e2e/scan.pdf', 'UNSUPPORTED_TYPE'],
      ['readouts/e2e/empty.txt', 'EMPTY'],
    ]) {
      const { value } = await waitFor(
        async () => {
          const r = await h.api(`/readouts?key=${encodeURIComponent(key!)}`);
          return r.body.status === 'rejected' ? r.body : null;
        },
        20_000,
        `the rejection of ${key}`,
      );
      expect(value.code).toBe(code);
      expect(value.reason).toBeTruthy();
    }
  });

  it('parks a message that keeps failing in the dead-letter queue; the rest land', async () => {
    h.stack.sendS3Event('{not json');
    await h.put('readouts/e2e/after-poison.txt', fixture('transcript.txt'));
    await waitFor(async () => h.stack.deadLetters.length > 0, 20_000, 'the dead letter');
    expect(h.stack.deadLetters[0]).toMatchObject({ body: '{not json', receiveCount: 3 });
    expect(h.stack.deadLetters[0]!.reason).toMatch(/failed|threw/);
    await waitFor(
      async () =>
        (await h.api(`/readouts?key=${encodeURIComponent('readouts/e2e/after-poison.txt')}`)).body.status === 'indexed',
      20_000,
      'the good upload',
    );
  });
});

describe('failures with reasons', () => {
  it('a record that keeps failing is retried, parked in the dead-letter queue, and its reason recorded', async () => {
    const key = 'readouts/e2e/unreadable.txt';
    const before = h.stack.deadLetters.length;
    // An event for a bucket the function cannot read (as S3 would send it, with an encoded key).
    h.stack.sendS3Event(
      JSON.stringify({
        Records: [
          {
            eventName: 'ObjectCreated:Put',
            s3: {
              bucket: { name: 'no-such-bucket-for-readouts' },
              object: { key, sequencer: h.stack.nextSequencer(), size: 10 },
            },
          },
        ],
      }),
    );
    await h.put('readouts/e2e/alongside.txt', fixture('news-copy-call.txt'));
    await waitFor(async () => h.stack.deadLetters.length > before, 20_000, 'the dead letter');
    expect(h.stack.deadLetters.at(-1)!.body).toContain(key);
    const status = (await h.api(`/readouts?key=${encodeURIComponent(key)}`)).body;
    expect(status).toMatchObject({ key, status: 'failed', failures: 3 });
    expect(status.reason).toMatch(/bucket/i);
    await waitFor(
      async () =>
        (await h.api(`/readouts?key=${encodeURIComponent('readouts/e2e/alongside.txt')}`)).body.status === 'indexed',
      20_000,
      'the other upload',
    );
  });
});

describe('index rebuild', () => {
  it('rebuilds the index from the table alone and publishes a new version', async () => {
    const before = (await h.api('/health')).body;
    const result: any = await h.stack.reindex();
    expect(result.version).toBeGreaterThan(before.indexVersion);
    expect(result.docCount).toBe(before.readouts);
    const after = await waitFor(async () => {
      const b = (await h.api('/health')).body;
      return b.indexVersion === result.version ? b : null;
    });
    expect(after.value.readouts).toBe(before.readouts);
    expect(await searchIds('vaccinated')).toContain('readouts/e2e/after-poison.txt');
  });
});

describe('API errors', () => {
  it.each([
    ['/search', 400, 'INVALID_REQUEST'],
    ['/search?q=x&limit=0', 400, 'INVALID_REQUEST'],
    ['/search?q=x&limit=abc', 400, 'INVALID_REQUEST'],
    ['/search?q=x&bogus=1', 400, 'INVALID_REQUEST'],
    ['/readouts/not-an-id', 400, 'INVALID_REQUEST'],
    ['/readouts/0123456789abcdef', 404, 'NOT_FOUND'],
    ['/readouts?key=readouts/nothing-here.txt', 404, 'NOT_FOUND'],
    ['/nowhere', 404, 'NOT_FOUND'],
  ])('%s → %i', async (path, status, code) => {
    const r = await h.api(path);
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.message).toBeTruthy();
  });
});
