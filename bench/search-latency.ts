/**
 * Warm search latency, summaries included: the API route (validation → search → summaries → JSON)
 * over an index built from the corpus, for a fixed mix of queries. Prints p50/p99.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { CORPUS_DIR, corpusAvailable, readoutFiles } from '../shared/corpus-path.ts';
import { decodeReadout } from '../shared/readout/decode.ts';
import { parseReadout } from '../shared/readout/parse.ts';
import { ReadoutIndex } from '../shared/search/readout-index.ts';
import { toSearchDoc } from '../shared/search/search-doc.ts';
import { route, type ApiDeps } from '../shared/api/routes.ts';
import { readoutIdFor } from '../shared/pipeline/readout-id.ts';

export function buildCorpusIndex(): { index: ReadoutIndex; source: string } {
  const source = corpusAvailable() ? CORPUS_DIR : 'samples';
  const index = new ReadoutIndex();
  for (const f of readoutFiles(source)) {
    const key = `readouts/${relative(source, f)}`;
    const d = decodeReadout(key, readFileSync(f));
    if (!d.ok) continue;
    const r = parseReadout({
      id: readoutIdFor('bench', key),
      text: d.text,
      format: d.format,
      source: { bucket: 'bench', key, etag: null },
    });
    index.upsert(toSearchDoc(r, '1'));
  }
  // Round-trip through the artifact, as the search function loads it.
  return { index: ReadoutIndex.fromArtifact(index.toArtifact(1)), source };
}

/** 200 mixed queries: words, phrases, exclusions, OR, typos, topic + speaker + date filters. */
export function queryMix(): Array<Record<string, string>> {
  const words = [
    'Taiwan',
    'North Korea',
    'Iran nuclear',
    'COVID-19 vaccines',
    'Nagorno-Karabakh',
    'Haiti',
    'fentanyl',
    'NATO expansion',
    'sanctions',
    'root causes migration',
    'Afghanistan',
    'hostages',
    'Afghanistan evacuation',
    'Kazakhstan',
    'Gaza ceasefire',
    '"Nord Stream 2"',
    '"Minsk agreements"',
    '"humanitarian corridors"',
    '"security guarantees"',
    'critical minerals',
    'climate change',
    'energy security',
    'grain exports',
    'Ukraine -Russia',
    'vaccine OR vaccination',
    'semiconduct*',
    'afghanistn',
    'sanctons',
    'trade investment',
    'human rights',
  ];
  const filters: Array<Record<string, string>> = [
    {},
    { topic: 'covid' },
    { speaker: 'Putin' },
    { speaker: 'Biden' },
    { from: '2022-01-01', to: '2022-12-31' },
    { publisher: 'Kremlin' },
    { kind: 'call' },
  ];
  const out: Array<Record<string, string>> = [];
  for (let i = 0; out.length < 200; i++) {
    const f = filters[i % filters.length]!;
    out.push(
      i % 10 === 9
        ? { ...f, topic: f.topic ?? 'afghanistan', limit: '10' }
        : { q: words[i % words.length]!, ...f, limit: '10' },
    );
  }
  return out;
}

export async function searchLatency(
  rounds = 5,
): Promise<{ p50: number; p99: number; mean: number; queries: number; readouts: number; source: string }> {
  const { index, source } = buildCorpusIndex();
  const deps = { reader: { current: async () => index }, cursorSecret: 'bench' } as unknown as ApiDeps;
  const mix = queryMix();
  const times: number[] = [];
  for (let r = 0; r < rounds + 1; r++) {
    for (const query of mix) {
      const t = performance.now();
      const res = await route({ method: 'GET', path: '/search', query }, deps);
      JSON.stringify(res.body);
      if (r > 0) times.push(performance.now() - t); // round 0 warms up
    }
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return {
    p50: at(0.5),
    p99: at(0.99),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    queries: mix.length,
    readouts: index.size,
    source,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await searchLatency();
  console.log(
    `warm search (route + summaries + JSON): p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, mean ${r.mean.toFixed(2)} ms over ${r.queries} queries × 5 rounds on ${r.readouts} readouts (${r.source})`,
  );
}
