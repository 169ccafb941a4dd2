/**
 * The two segment implementations must answer every query identically: the live segment
 * (flexsearch + per-readout statistics) and the compact binary base loaded from its bytes. And a
 * base with tombstones and a live segment on top must answer like one index of the same readouts.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, corpusAvailable, readoutFiles } from '../../../shared/corpus-path.ts';
import { decodeReadout } from '../../../shared/readout/decode.ts';
import { parseReadout } from '../../../shared/readout/parse.ts';
import { packSections, readLayout, sectionView, type Layout } from '../../../shared/search/binary.ts';
import { ReadoutIndex, type SearchRequest, type SearchResult } from '../../../shared/search/readout-index.ts';
import { CompactSegment } from '../../../shared/search/compact-segment.ts';
import { FACET_SAMPLE } from '../../../shared/search/engine.ts';
import { toSearchDoc, type SearchDoc } from '../../../shared/search/search-doc.ts';
import { participantMatches, speakingFor } from '../../../shared/search/segment.ts';

function docsFrom(dir: string, limit = Infinity): SearchDoc[] {
  return readoutFiles(dir)
    .slice(0, limit)
    .flatMap((f) => {
      const key = `readouts/${basename(f)}`;
      const d = decodeReadout(key, readFileSync(f));
      return d.ok
        ? [
            toSearchDoc(
              parseReadout({ id: key, text: d.text, format: d.format, source: { bucket: 'b', key, etag: null } }),
              '1',
            ),
          ]
        : [];
    });
}

const QUERIES: SearchRequest[] = [
  { q: 'climate' },
  { q: 'earthquake relief' },
  { q: '"climate change"' },
  { q: 'trade -climate' },
  { q: 'vaccine OR vaccines' },
  { q: 'secur*' },
  { q: 'climte' },
  { q: 'health', speaker: 'zelda' },
  { speaker: 'firefly' },
  { topics: ['climate-change'] },
  { q: 'cooperation', sort: 'date' },
  { q: 'cooperation', from: '2024-03-10', to: '2024-03-20' },
  { q: 'president', kind: 'call' },
  { q: 'president', offset: 3, limit: 4 },
  { q: 'talks', publisher: 'Genovia' },
  { q: 'meeting', country: 'genovia' },
  { participants: ['firefly', 'marena'] },
  { q: 'president', participants: ['Renaldi'] },
  { q: 'health', participants: ['firefly', 'marques'], speaker: 'marques' },
  { q: 'afghanistan', speaker: speakingFor('Borduria') },
];

/** A stable picture of a result: totals, ranked ids with scores and cited sentences, facets. */
const picture = (r: SearchResult) => ({
  total: r.total,
  hits: r.hits.map(
    (h) =>
      `${h.doc.id} ${h.score} [${h.statements.map((s) => `${s.sentenceIndex}:${s.highlights.length}`).join(',')}] ${h.speakerIds.join('+')}`,
  ),
  facets: Object.fromEntries(Object.entries(r.facets).map(([k, v]) => [k, Object.entries(v).sort()])),
  expansions: r.expansions,
});

function compareAll(docs: SearchDoc[], queries: SearchRequest[]) {
  const live = new ReadoutIndex();
  for (const d of docs) live.upsert(d);
  const compact = ReadoutIndex.fromArtifact(live.toArtifact(7));
  expect(compact.version).toBe(7);
  expect(compact.size).toBe(docs.length);
  let matched = 0;
  for (const q of queries) {
    const a = picture(live.search(q));
    expect(picture(compact.search(q)), JSON.stringify(q)).toEqual(a);
    if (a.total) matched++;
  }
  return matched;
}

describe('index segments', () => {
  it('the compact base answers exactly like the live segment (samples)', () => {
    const matched = compareAll(docsFrom('samples'), QUERIES);
    expect(matched).toBeGreaterThan(QUERIES.length / 2); // the queries are not vacuous
  });

  it.skipIf(!corpusAvailable())(
    'the compact base answers exactly like the live segment (300 corpus readouts; skipped without ../shared/corpus)',
    () => {
      const qs: SearchRequest[] = [
        'Afghanistan',
        '"Nord Stream 2"',
        'sanctions -Iran',
        'vaccine OR vaccination',
        'semiconduct*',
        'afghanistn',
        'energy security',
      ].flatMap((q) => [{ q }, { q, speaker: 'putin' }, { q, speaker: 'Biden', topics: ['covid-19'] }]);
      compareAll(docsFrom(join(CORPUS_DIR, 'whitehouse'), 150).concat(docsFrom(join(CORPUS_DIR, 'kremlin'), 150)), qs);
    },
  );

  it('a participants filter keeps the readouts in which every one of them takes part, whoever speaks', () => {
    const live = new ReadoutIndex();
    for (const d of docsFrom('samples')) live.upsert(d);
    const compact = ReadoutIndex.fromArtifact(live.toArtifact(1));
    const takesPart = (d: SearchDoc, who: string) => d.participants.some((p) => p.id === who);
    for (const index of [live, compact]) {
      const both = index.search({ participants: ['firefly', 'marena'], limit: 50 });
      expect(both.total).toBe(2);
      expect(both.hits.every((h) => takesPart(h.doc, 'firefly') && takesPart(h.doc, 'marena'))).toBe(true);
      const one = index.search({ participants: ['firefly'], limit: 50 });
      expect(one.total).toBeGreaterThan(both.total);
      expect(one.hits.every((h) => takesPart(h.doc, 'firefly'))).toBe(true);
      // With words, the filter narrows what the words find, and a name nobody has finds nothing.
      const words = index.search({ q: 'president', limit: 50 });
      const narrowed = index.search({ q: 'president', participants: ['renaldi'], limit: 50 });
      expect(narrowed.total).toBeGreaterThan(0);
      expect(narrowed.total).toBeLessThan(words.total);
      expect(index.search({ q: 'president', participants: ['firefly', 'nobody'] }).total).toBe(0);
    }
  });

  it('a country as the speaker: the statements of whoever speaks for it, by record or gazetteer', () => {
    const index = new ReadoutIndex();
    for (const d of docsFrom('samples')) index.upsert(d);
    // Plekszy is the samples' one Bordurian.
    const byCountry = index.search({ q: 'afghanistan', speaker: speakingFor('Borduria'), limit: 50 });
    expect(byCountry.total).toBeGreaterThan(0);
    expect(picture(byCountry)).toEqual(picture(index.search({ q: 'afghanistan', speaker: 'plekszy', limit: 50 })));
    expect(index.search({ q: 'afghanistan', speaker: speakingFor('Qumar'), limit: 50 }).total).toBe(0);
    expect(participantMatches({ id: 'a', name: 'Ann Smith', country: 'Russia' }, speakingFor('Russia'))).toBe(true);
    expect(participantMatches({ id: 'a', name: 'Ann Smith', country: 'Ukraine' }, speakingFor('Russia'))).toBe(false);
    // No country on the record: the gazetteer's for the person.
    expect(participantMatches({ id: 'putin', name: 'Vladimir Putin', country: null }, speakingFor('Russia'))).toBe(
      true,
    );
    // No country named: nobody, not everyone without a country.
    expect(participantMatches({ id: 'a', name: 'Ann Smith', country: null }, speakingFor(''))).toBe(false);
  });

  it('a short page counts every match: hits that cannot make it are counted, not kept', () => {
    const index = ReadoutIndex.fromArtifact(
      (() => {
        const l = new ReadoutIndex();
        for (const d of docsFrom('samples')) l.upsert(d);
        return l.toArtifact(1);
      })(),
    );
    for (const q of QUERIES) {
      const all = index.search({ ...q, offset: 0, limit: 1000 });
      for (const limit of [1, 2, 3]) {
        const page = index.search({ ...q, offset: 0, limit });
        expect(page.total, JSON.stringify(q)).toBe(all.total);
        expect(page.facets).toEqual(all.facets);
        expect(page.hits.map((h) => h.doc.id)).toEqual(all.hits.slice(0, limit).map((h) => h.doc.id));
      }
    }
  });

  it('topics beyond the 64 with a sentence bit answer like the live segment', () => {
    // 80 copies of the samples, sentence i of copy c tagged t<c mod 70>, t<i>, and rarely t99: the
    // 64 most frequent topics get bits, the rest (t64.., t99) go through the per-topic lists.
    const docs = docsFrom('samples').flatMap((d, k) =>
      Array.from({ length: 8 }, (_, c) => ({
        ...d,
        id: `${d.id}#${c}`,
        sentences: d.sentences.map((s, i) => ({
          ...s,
          topics: [
            ...new Set([...s.topics, `t${(k * 8 + c) % 70}`, `t${i}`, ...((k + c + i) % 29 === 0 ? ['t99'] : [])]),
          ],
        })),
        topics: [...new Set([...d.topics, `t${(k * 8 + c) % 70}`, 't1', 't99'])],
      })),
    );
    const qs: SearchRequest[] = ['t99', 't66', 't2', 't69'].flatMap((t) => [
      { topics: [t], speaker: 'zelda' },
      { topics: [t, 't1'], speaker: 'firefly' },
      { q: '"climate change"', topics: [t] },
      { q: 'health', speaker: 'zelda', topics: [t] },
    ]);
    expect(compareAll(docs, qs)).toBeGreaterThan(4);
  });

  it('a base with tombstones plus live readouts answers like one index of the same readouts', () => {
    const docs = docsFrom('samples');
    const base = new ReadoutIndex();
    for (const d of docs) base.upsert(d);
    const layered = ReadoutIndex.fromArtifact(base.toArtifact(1));
    const replaced = {
      ...docs[0]!,
      version: '2',
      sentences: docs[0]!.sentences.map((s) => ({ ...s, text: `${s.text} Zanzibar.` })),
    };
    layered.applyDelta({
      format: 'readout-search-delta/1',
      version: 2,
      baseVersion: 1,
      upserts: [replaced],
      removes: [docs[1]!.id],
    });
    expect(layered.version).toBe(2);
    expect(layered.size).toBe(docs.length - 1);
    expect(layered.has(docs[1]!.id)).toBe(false);
    expect(layered.get(docs[0]!.id)?.version).toBe('2');
    expect(layered.search({ q: 'zanzibar' }).hits.map((h) => h.doc.id)).toEqual([docs[0]!.id]);
    expect([...layered.all()].map((d) => d.id).sort()).toEqual(
      docs
        .filter((_, i) => i !== 1)
        .map((d) => d.id)
        .sort(),
    );
    // Same readouts in one segment: same hits (scores may differ slightly: the base keeps its BM25 norm).
    const flat = new ReadoutIndex();
    for (const d of [replaced, ...docs.slice(2)]) flat.upsert(d);
    for (const q of QUERIES)
      expect(
        new Set(layered.search({ ...q, offset: 0, limit: 50 }).hits.map((h) => h.doc.id)),
        JSON.stringify(q),
      ).toEqual(new Set(flat.search({ ...q, offset: 0, limit: 50 }).hits.map((h) => h.doc.id)));
    // Compaction folds both into a new base.
    const compacted = ReadoutIndex.fromArtifact(layered.toArtifact(3));
    expect(compacted.size).toBe(docs.length - 1);
    expect(compacted.search({ q: 'zanzibar' }).total).toBe(1);
  });

  it('a term whose last live readout was removed finds nothing, and searches on it do not throw', () => {
    // flexsearch answers `undefined` for such a term; a delete followed by a search was a 500.
    // Both shapes: everything live, and a base with one live readout on top that shares its words.
    const docs = docsFrom('samples');
    const allLive = new ReadoutIndex();
    for (const d of docs) allLive.upsert(d);
    const layered = ReadoutIndex.fromArtifact(allLive.toArtifact(1));
    const marked = {
      ...docs[0]!,
      id: 'marked',
      sentences: docs[0]!.sentences.map((s) => ({ ...s, text: `${s.text} Zanzibar.` })),
    };
    for (const index of [allLive, layered]) {
      const before = index.search({ q: 'climate' }).total;
      expect(before).toBeGreaterThan(0);
      index.upsert(marked);
      expect(index.search({ q: 'zanzibar' }).total).toBe(1);
      index.remove('marked');
      for (const q of [
        'zanzibar',
        'zanzibar climate',
        '"zanzibar"',
        'zanzib*',
        'climate -zanzibar',
        'climate',
        '"climate change"',
      ]) {
        expect(() => index.search({ q }), q).not.toThrow();
      }
      expect(index.search({ q: 'zanzibar' }).total).toBe(0);
      expect(index.search({ q: 'climate' }).total).toBe(before);
    }
  });

  it('a base read by range answers like the same base in memory, before and after it is complete', async () => {
    const docs = docsFrom('samples');
    const built = new ReadoutIndex();
    for (const d of docs) built.upsert(d);
    const art = built.toArtifact(4);
    const eager = ReadoutIndex.fromArtifact(art);
    let read = 0;
    // Misaligned copies, as bytes from the network are.
    const source = (b: Uint8Array) => ({
      read: async (a: number, e: number) => {
        const part = b.subarray(a, e);
        read += part.length;
        const out = new Uint8Array(part.length + 1).subarray(1);
        out.set(part);
        return out;
      },
    });
    const lazy = await ReadoutIndex.openLazy({ index: source(art.index), docs: source(art.docs) });
    expect(lazy.isComplete).toBe(false);
    expect(lazy.version).toBe(4);
    for (const q of QUERIES)
      expect(picture(await lazy.searchAsync(q)), JSON.stringify(q)).toEqual(picture(eager.search(q)));
    expect(lazy.isComplete).toBe(false);
    expect(read).toBeLessThan(art.index.length + art.docs.length); // searched without reading everything
    await lazy.complete();
    expect(lazy.isComplete).toBe(true);
    for (const q of QUERIES) expect(picture(lazy.search(q)), JSON.stringify(q)).toEqual(picture(eager.search(q)));
    expect([...lazy.all()].length).toBe(docs.length);
  });

  it('facets are exact up to FACET_SAMPLE hits, then an even sample scaled back and flagged', () => {
    const doc = (i: number): SearchDoc => ({
      id: `d${i}`,
      title: null,
      publisher: i % 4 ? 'Kremlin' : 'White House',
      publishedDate: `20${10 + (i % 10)}-01-02`,
      eventDate: null,
      kind: 'call',
      location: null,
      topics: ['trade'],
      source: { bucket: 'b', key: `k${i}`, etag: null },
      version: '1',
      participants: [],
      sentences: [
        { text: `The leaders discussed trade number ${i}.`, start: 0, end: 30, speaker: null, topics: ['trade'] },
      ],
    });
    const many = FACET_SAMPLE + 3000;
    const index = ReadoutIndex.fromArtifact(CompactSegment.build(Array.from({ length: many }, (_, i) => doc(i))));
    const r = index.search({ q: 'trade' });
    expect(r.total).toBe(many);
    expect(r.facetsSampled).toBe(true);
    expect(Math.abs(r.facets.publishers['Kremlin']! - many * 0.75) / (many * 0.75)).toBeLessThan(0.02);
    const few = index.search({ q: 'trade', from: '2010-01-01', to: '2010-12-31' });
    expect(few.facetsSampled).toBe(false);
    const in2010 = Array.from({ length: many }, (_, i) => i).filter((i) => i % 10 === 0);
    expect(few.facets.publishers).toEqual({
      'White House': in2010.filter((i) => i % 4 === 0).length,
      Kremlin: in2010.filter((i) => i % 4 !== 0).length,
    });
  });

  it('sections survive a misaligned buffer, and foreign bytes are refused', () => {
    const packed = packSections({ hello: 1 }, { a: Uint32Array.from([1, 2, 3]), b: Uint8Array.from([9]) });
    const shifted = new Uint8Array(packed.length + 3).subarray(3);
    shifted.set(packed);
    const u = readLayout<{ hello: number }>(shifted) as Layout<{ hello: number }>;
    expect(u.header.hello).toBe(1);
    expect([...sectionView<Uint32Array>(u, 'a', shifted)]).toEqual([1, 2, 3]);
    expect([...sectionView<Uint8Array>(u, 'b', shifted)]).toEqual([9]);
    expect(readLayout(shifted.subarray(0, 10))).toEqual({ need: expect.any(Number) }); // a header still arriving
    expect(() => readLayout(Buffer.from('{"not":"an index"}'))).toThrow(/not a readout-search index segment/);
  });
});
