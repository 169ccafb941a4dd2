/**
 * Bytes → text, or a reason why the bytes are not a readout we can read.
 * Kept separate from parsing so ingestion can reject early with a clear, recorded reason.
 */
import type { SourceFormat } from './types.ts';

export type DecodeResult =
  | { ok: true; text: string; format: SourceFormat; encoding: string }
  | { ok: false; code: string; reason: string };

const EXTENSIONS: Record<string, SourceFormat> = {
  txt: 'txt',
  text: 'txt',
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
};

export function formatFromKey(key: string): SourceFormat | null {
  const m = /\.([A-Za-z0-9]+)$/.exec(key);
  return m ? (EXTENSIONS[m[1]!.toLowerCase()] ?? null) : null;
}

const hasPrefix = (b: Uint8Array, ...sig: number[]) => sig.every((v, i) => b[i] === v);

/**
 * UTF-16 without a byte-order mark, told by its zero bytes: text that is mostly Latin script has a
 * zero in every other byte (the high byte), on the odd positions for little-endian, the even ones
 * for big-endian.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

export function decodeReadout(key: string, bytes: Uint8Array): DecodeResult {
  const format = formatFromKey(key);
  if (!format) {
    return {
      ok: false,
      code: 'UNSUPPORTED_TYPE',
      reason: `unsupported file extension in "${key}": expected .txt, .md or .html`,
    };
  }
  if (bytes.length === 0) return { ok: false, code: 'EMPTY', reason: 'the object is empty' };
  if (hasPrefix(bytes, 0x1f, 0x8b))
    return { ok: false, code: 'BINARY', reason: 'gzip-compressed data, not a text readout' };
  if (hasPrefix(bytes, 0x50, 0x4b, 0x03, 0x04))
    return { ok: false, code: 'BINARY', reason: 'zip archive, not a text readout' };
  if (hasPrefix(bytes, 0x25, 0x50, 0x44, 0x46))
    return { ok: false, code: 'BINARY', reason: 'PDF document, not a text readout' };

  let text: string;
  let encoding = 'utf-8';
  if (hasPrefix(bytes, 0xff, 0xfe)) {
    encoding = 'utf-16le';
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (hasPrefix(bytes, 0xfe, 0xff)) {
    encoding = 'utf-16be';
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else if (utf16WithoutBom(bytes)) {
    encoding = utf16WithoutBom(bytes)!;
    text = new TextDecoder(encoding).decode(bytes);
  } else {
    const body = hasPrefix(bytes, 0xef, 0xbb, 0xbf) ? bytes.subarray(3) : bytes;
    if (body.includes(0)) {
      return { ok: false, code: 'BINARY', reason: 'contains NUL bytes: binary data, not a text readout' };
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      // Not valid UTF-8. A UTF-8 file with a few bad bytes still has valid multi-byte characters:
      // keep it UTF-8 and mark the bad bytes U+FFFD. Older pages in Windows-1252 have none (its
      // accented letters are single bytes that never form a UTF-8 sequence): decode those as such.
      const lossy = new TextDecoder('utf-8').decode(body);
      if (/[\u0080-\uFFFC\uFFFE\uFFFF]/.test(lossy)) {
        encoding = 'utf-8 (invalid bytes replaced)';
        text = lossy;
      } else {
        encoding = 'windows-1252';
        text = new TextDecoder('windows-1252').decode(body);
      }
    }
  }
  // Control characters other than tab/newline carry no meaning in a readout; a text made mostly of them is binary.
  const controls = text.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g)?.length ?? 0;
  if (controls > Math.max(8, text.length * 0.05)) {
    return { ok: false, code: 'BINARY', reason: `${controls} control or undecodable characters: not a text readout` };
  }
  // NFC: "Inácio" as one letter per character, so name patterns see letters, not combining marks.
  text = text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ' ')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC');
  if (!/[\p{L}\p{N}]/u.test(text)) return { ok: false, code: 'EMPTY', reason: 'the object contains no words' };
  return { ok: true, text, format, encoding };
}
