import { readFileSync } from 'node:fs';
import { parseReadout } from '../../../shared/readout/parse.ts';
import { formatFromKey } from '../../../shared/readout/decode.ts';

export function parseFixture(name: string) {
  const text = readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
  return parseReadout({
    id: 'test',
    text,
    format: formatFromKey(name)!,
    source: { bucket: 'b', key: name, etag: null },
  });
}
export const speakers = (r: ReturnType<typeof parseFixture>) => r.sentences.map((s) => s.speaker);

/** A readout from a text the test writes (its format from the key's extension, txt by default). */
export function parseText(text: string, key = 'k.txt') {
  return parseReadout({ id: 't', text, format: formatFromKey(key) ?? 'txt', source: { bucket: 'b', key, etag: null } });
}
