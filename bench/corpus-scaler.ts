/**
 * Builds N-readout corpora in the parsed-record (SearchDoc) form: real parsed readouts from
 * ../shared/corpus (or samples/), recombined sentence by sentence into new fictional-date readouts,
 * so vocabulary, lengths, speakers and topics stay realistic at any N.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { CORPUS_DIR, corpusAvailable, readoutFiles } from '../shared/corpus-path.ts';
import { decodeReadout } from '../shared/readout/decode.ts';
import { parseReadout, readoutTopics } from '../shared/readout/parse.ts';
import { toSearchDoc, type SearchDoc } from '../shared/search/search-doc.ts';

export function seedDocs(): SearchDoc[] {
  const dir = corpusAvailable() ? CORPUS_DIR : 'samples';
  return readoutFiles(dir).flatMap((f) => {
    const key = `readouts/${relative(dir, f)}`;
    const d = decodeReadout(key, readFileSync(f));
    if (!d.ok) return [];
    return [
      toSearchDoc(
        parseReadout({ id: key, text: d.text, format: d.format, source: { bucket: 'bench', key, etag: null } }),
        '1',
      ),
    ];
  });
}

/** A deterministic pseudo-random generator, so every run measures the same corpus. */
function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

export function scaleCorpus(seeds: SearchDoc[], n: number, seed = 7): SearchDoc[] {
  const random = rng(seed);
  const out: SearchDoc[] = [];
  for (let i = 0; i < n; i++) {
    const base = seeds[i % seeds.length]!;
    if (i < seeds.length) {
      out.push({ ...base, id: `doc${i}` });
      continue;
    }
    // Keep the base readout's participants and first sentences; borrow the rest from other readouts.
    // What a parsed readout guarantees still holds: a borrowed sentence's speaker becomes the base
    // participant in the same place as the donor's (a sentence is spoken by one of its readout's
    // participants), and the readout's topics are its sentences' (and title's) topics.
    const sentences = base.sentences.map((s, k) => {
      if (k < 2) return s;
      const donor = seeds[Math.floor(random() * seeds.length)]!;
      const borrowed = donor.sentences[Math.floor(random() * donor.sentences.length)];
      if (!borrowed) return s;
      if (
        borrowed.speaker === null ||
        borrowed.speaker === 'joint' ||
        base.participants.some((p) => p.id === borrowed.speaker)
      )
        return borrowed;
      const place = donor.participants.findIndex((p) => p.id === borrowed.speaker);
      return { ...borrowed, speaker: base.participants[Math.max(0, place)]?.id ?? null };
    });
    let offset = 0;
    const rebased = sentences.map((s) => {
      const r = { ...s, start: offset, end: offset + s.text.length };
      offset += s.text.length + 1;
      return r;
    });
    const year = 2015 + Math.floor(random() * 10);
    const date = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    out.push({
      ...base,
      id: `doc${i}`,
      eventDate: date,
      publishedDate: date,
      sentences: rebased,
      topics: readoutTopics(base.title, rebased, base.participants),
      source: { ...base.source, key: `readouts/scaled/${i}.txt` },
    });
  }
  return out;
}
