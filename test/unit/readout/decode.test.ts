import { describe, expect, it } from 'vitest';
import { decodeReadout, formatFromKey } from '../../../shared/readout/decode.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('decodeReadout', () => {
  it('decodes UTF-8 and picks the format from the extension', () => {
    const r = decodeReadout('readouts/a.md', enc('# Title\n\nText é.'));
    expect(r).toMatchObject({ ok: true, format: 'md', encoding: 'utf-8' });
  });
  it('decodes UTF-16 with a byte-order mark', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hello world.', 'utf16le')]);
    expect(decodeReadout('a.txt', body)).toMatchObject({ ok: true, text: 'Hello world.', encoding: 'utf-16le' });
  });
  it('falls back to Windows-1252 for non-UTF-8 bytes', () => {
    const r = decodeReadout('a.txt', Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2e]));
    expect(r).toMatchObject({ ok: true, text: 'Café.', encoding: 'windows-1252' });
  });
  it('decodes UTF-16 without a byte-order mark, either byte order', () => {
    const text = 'President Alpha spoke with Prime Minister Beta about grain exports.';
    expect(decodeReadout('a.txt', Buffer.from(text, 'utf16le'))).toMatchObject({
      ok: true,
      text,
      encoding: 'utf-16le',
    });
    expect(decodeReadout('a.txt', Buffer.from(text, 'utf16le').swap16())).toMatchObject({
      ok: true,
      text,
      encoding: 'utf-16be',
    });
  });
  it('keeps a UTF-8 file with one invalid byte UTF-8, the bad byte as U+FFFD', () => {
    // Before: one bad byte turned "Zelenskyy’s" and "Inácio" into Windows-1252 mojibake.
    const good = enc('Inácio met Zelenskyy’s envoy. ');
    const r = decodeReadout('a.txt', Buffer.concat([good, Buffer.from([0xff]), good]));
    expect(r).toMatchObject({ ok: true, encoding: 'utf-8 (invalid bytes replaced)' });
    if (r.ok) expect(r.text).toBe('Inácio met Zelenskyy’s envoy. \uFFFDInácio met Zelenskyy’s envoy. ');
  });
  it.each([
    ['empty', 'a.txt', new Uint8Array(0), 'EMPTY'],
    ['unknown extension', 'a.pdf', enc('text'), 'UNSUPPORTED_TYPE'],
    ['no extension', 'readouts/a', enc('text'), 'UNSUPPORTED_TYPE'],
    ['gzip', 'a.txt', new Uint8Array([0x1f, 0x8b, 8, 0, 0]), 'BINARY'],
    ['zip', 'a.txt', new Uint8Array([0x50, 0x4b, 3, 4, 0]), 'BINARY'],
    ['NUL bytes', 'a.txt', new Uint8Array([0x41, 0, 0x42, 0]), 'BINARY'],
    ['only punctuation', 'a.txt', enc(' ... --- '), 'EMPTY'],
  ])('rejects %s with a reason', (_name, key, bytes, code) => {
    const r = decodeReadout(key, bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.reason.length).toBeGreaterThan(5);
    }
  });
  it('maps extensions case-insensitively', () => {
    expect(formatFromKey('x/Y.HTML')).toBe('html');
    expect(formatFromKey('x/y.markdown')).toBe('md');
  });
});
