/**
 * Runs the parser over the real corpus in ../shared/corpus when it is there (it is never copied
 * into the repo). On a fresh clone without it these cases are skipped, and say so.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, corpusAvailable, readoutFiles } from '../../shared/corpus-path.ts';
import { decodeReadout } from '../../shared/readout/decode.ts';
import { parseReadout } from '../../shared/readout/parse.ts';

const available = corpusAvailable();
if (!available) console.warn(`[skip] ${CORPUS_DIR} not found: real-corpus parser checks are skipped`);

describe.skipIf(!available)('real corpus (../shared/corpus)', () => {
  it('parses every readout: sentences found, offsets exact, speakers are participants', () => {
    const all = readoutFiles(CORPUS_DIR);
    expect(all.length).toBeGreaterThan(1000);
    const problems: string[] = [];
    for (const f of all) {
      const rel = relative(CORPUS_DIR, f);
      const d = decodeReadout(rel, readFileSync(f));
      if (!d.ok) {
        problems.push(`${rel}: ${d.reason}`);
        continue;
      }
      const r = parseReadout({
        id: 'x',
        text: d.text,
        format: d.format,
        source: { bucket: 'b', key: rel, etag: null },
      });
      if (!r.sentences.length) problems.push(`${rel}: no sentences`);
      const ids = new Set(r.participants.map((p) => p.id));
      for (const s of r.sentences) {
        if (r.text.slice(s.start, s.end) !== s.text) {
          problems.push(`${rel}: bad offsets at sentence ${s.index}`);
          break;
        }
        if (s.speaker && s.speaker !== 'joint' && !ids.has(s.speaker)) {
          problems.push(`${rel}: unknown speaker ${s.speaker}`);
          break;
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
