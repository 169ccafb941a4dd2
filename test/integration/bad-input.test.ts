/**
 * A table of bad (and merely unusual) uploads, generated here. Each is either ingested correctly or
 * rejected with a recorded reason visible through GET /readouts?key=; none crashes the batch and none
 * changes other data.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from './harness.ts';

let h: Harness;
const GOOD =
  'Telephone conversation with President of Genovia Clarisse Renaldi\n2024-01-10 10:00:00 UTC\nNA\n\nRufus Firefly had a telephone conversation with President of Genovia Clarisse Renaldi.\n\nThe leaders discussed the sentinelword project.';
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i % 997}`).join(' ');
const sentences = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `Rufus Firefly stressed point number ${i} about energy cooperation and grain exports.`,
  ).join(' ');
const utf16 = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);

type Case = [name: string, key: string, body: Buffer | string, expect: 'indexed' | 'rejected', code?: string];
const cases: Case[] = [
  ['empty file', 'empty.txt', '', 'rejected', 'EMPTY'],
  ['whitespace only', 'blank.txt', '   \n\n\t  ', 'rejected', 'EMPTY'],
  ['punctuation only', 'dots.txt', '... --- !!!', 'rejected', 'EMPTY'],
  [
    'binary noise',
    'noise.txt',
    Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    'rejected',
    'BINARY',
  ],
  ['NUL bytes', 'nul.txt', Buffer.from('Hello\u0000world\u0000'), 'rejected', 'BINARY'],
  [
    'control characters everywhere',
    'ctrl.txt',
    '\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008'.repeat(50),
    'rejected',
    'BINARY',
  ],
  ['gzip archive', 'archive.txt', gzipSync(Buffer.from(GOOD)), 'rejected', 'BINARY'],
  [
    'zip archive',
    'archive2.md',
    Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]),
    'rejected',
    'BINARY',
  ],
  [
    'PDF under .txt',
    'scan.txt',
    Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 1)]),
    'rejected',
    'BINARY',
  ],
  ['unknown extension', 'readout.docx', GOOD, 'rejected', 'UNSUPPORTED_TYPE'],
  ['no extension', 'readout', GOOD, 'rejected', 'UNSUPPORTED_TYPE'],
  ['image extension', 'photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'rejected', 'UNSUPPORTED_TYPE'],
  ['50 MB file', 'huge.txt', Buffer.alloc(50 * 1024 * 1024, 'a'), 'rejected', 'TOO_LARGE'],
  ['6 MB text (over the 5 MiB limit)', 'big.md', `# Big\n\n${sentences(80_000)}`, 'rejected', 'TOO_LARGE'],
  ['plain UTF-8 readout', 'good.txt', GOOD, 'indexed'],
  ['UTF-8 with BOM', 'bom.txt', `\uFEFF${GOOD}`, 'indexed'],
  ['UTF-16 LE with BOM', 'utf16.txt', utf16(GOOD), 'indexed'],
  ['Windows-1252 bytes', 'cp1252.txt', Buffer.from(`${GOOD} Caf\u00e9 cr\u00e8me.`, 'latin1'), 'indexed'],
  ['CRLF line endings', 'crlf.txt', GOOD.replace(/\n/g, '\r\n'), 'indexed'],
  ['a single 100 KB line', 'oneline.txt', `${sentences(1300)}`, 'indexed'],
  ['100,000 tokens', 'tokens.txt', `Many words\n\n${words(100_000)}.`, 'indexed'],
  [
    'readout larger than a DynamoDB item (400 KB)',
    'large.txt',
    `Large readout\n2024-01-11 10:00:00 UTC\nNA\n\n${sentences(9000)}`,
    'indexed',
  ],
  [
    'HTML page',
    'page.html',
    `<html><head><title>T</title><script>var x="<p>evil</p>";</script></head><body><nav>Menu</nav><article><h1>Talks</h1><p>${GOOD.split('\n').pop()}</p></article></body></html>`,
    'indexed',
  ],
  [
    'HTML under .htm',
    'page.htm',
    `<html><body><article><p>${GOOD.split('\n').pop()}</p></article></body></html>`,
    'indexed',
  ],
  [
    'HTML content under .txt',
    'html-as-text.txt',
    `<!doctype html><html><body><p>${GOOD.split('\n').pop()}</p></body></html>`,
    'indexed',
  ],
  ['Markdown with broken front matter', 'broken-front.md', `---\ntitle: "unterminated\n---\n\n${GOOD}`, 'indexed'],
  ['Markdown without front matter', 'plain.md', `# Heading\n\n${GOOD}`, 'indexed'],
  ['not a readout at all', 'recipe.txt', 'Mix flour and water. Bake for twenty minutes. Serve warm.', 'indexed'],
  ['emoji and scripts', 'unicode.txt', `${GOOD} 中文 العربية 🙂.`, 'indexed'],
  ['duplicate content, first key', 'dup-a.txt', GOOD.replace('sentinelword', 'duplicatedword'), 'indexed'],
  ['duplicate content, second key', 'dup-b.txt', GOOD.replace('sentinelword', 'duplicatedword'), 'indexed'],
  ['regex-like text', 'regex.txt', `${GOOD} The pattern (.*)+[a-z]{2,}$ was discussed.`, 'indexed'],
  ['very long word', 'longword.txt', `${GOOD} ${'x'.repeat(20_000)}.`, 'indexed'],
];

beforeAll(async () => {
  h = await startHarness();
  await h.put('readouts/bad/control.txt', GOOD.replace('sentinelword', 'controlword'));
  await waitFor(
    async () =>
      (await h.api(`/readouts?key=${encodeURIComponent('readouts/bad/control.txt')}`)).body.status === 'indexed',
    30_000,
    'the control readout',
  );
  for (const [, key, body] of cases) await h.put(`readouts/bad/${key}`, body);
  await waitFor(
    async () => {
      for (const [, key] of cases) {
        const s = (await h.api(`/readouts?key=${encodeURIComponent(`readouts/bad/${key}`)}`)).body.status;
        if (s !== 'indexed' && s !== 'rejected') return false;
      }
      return true;
    },
    120_000,
    'every bad input to be settled',
  );
}, 240_000);
afterAll(async () => {
  await h?.stack.stop();
});

describe('bad input table', () => {
  it.each(cases)('%s → %s', async (_name, key, _body, expected, code) => {
    const r = (await h.api(`/readouts?key=${encodeURIComponent(`readouts/bad/${key}`)}`)).body;
    expect(r.status).toBe(expected);
    if (expected === 'rejected') {
      expect(r.code).toBe(code);
      expect(r.reason.length).toBeGreaterThan(10);
    } else {
      const full = (await h.api(`/readouts/${r.readoutId}`)).body;
      expect(full.sentences.length).toBeGreaterThan(0);
      for (const s of full.sentences) {
        // A sentence too long for a response is cut (and flagged); its offsets still cover all of it.
        if (s.truncated) expect(full.text.slice(s.start, s.end).startsWith(s.text.slice(0, -1))).toBe(true);
        else expect(full.text.slice(s.start, s.end)).toBe(s.text);
      }
    }
  });

  it('nothing crashed the batch: no dead letters, and other data is unchanged', async () => {
    expect(h.stack.deadLetters).toEqual([]);
    const control = (await h.api(`/search?q=controlword`)).body;
    expect(control.total).toBe(1);
    expect(control.results[0].readout.source.key).toBe('readouts/bad/control.txt');
  });

  it('duplicate content under two keys is two readouts, both searchable', async () => {
    const r = (await h.api('/search?q=duplicatedword')).body;
    expect(r.results.map((x: any) => x.readout.source.key).sort()).toEqual([
      'readouts/bad/dup-a.txt',
      'readouts/bad/dup-b.txt',
    ]);
  });

  it('a bad upload over a good readout is rejected and keeps the good one searchable', async () => {
    const key = 'readouts/bad/control.txt';
    await h.put(key, Buffer.from([0, 1, 2, 3, 0, 0, 0, 9]));
    await waitFor(
      async () => (await h.api(`/readouts?key=${encodeURIComponent(key)}`)).body.status === 'rejected',
      20_000,
      'the rejection',
    );
    const r = (await h.api(`/readouts?key=${encodeURIComponent(key)}`)).body;
    expect(r.previousReadoutId).toMatch(/^[0-9a-f]{16}$/);
    expect((await h.api('/search?q=controlword')).body.total).toBe(1);
  });
});

describe('the local stack does not fall over', () => {
  it('a key segment over 255 bytes, or a ".." segment, is refused by the local S3 and nothing else is disturbed', async () => {
    const { existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    for (const key of [
      `readouts/${'x'.repeat(300)}.txt`,
      `readouts/${'ü'.repeat(130)}.txt`,
      'readouts/../../escaped.txt',
      'readouts/./dot.txt',
    ]) {
      await expect(h.put(key, GOOD), key).rejects.toMatchObject({ name: 'KeyTooLongError' });
    }
    // Before: the first of these killed the whole local stack (s3rver's unhandled ENAMETOOLONG).
    expect((await h.api('/health')).status).toBe(200);
    expect((await h.api('/search?q=controlword')).body.total).toBe(1);
    expect(existsSync(join(process.cwd(), 'escaped.txt'))).toBe(false);
  });
});
