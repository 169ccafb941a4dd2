/**
 * Our index side by side with minisearch (pure JS, the alternative a user would pick) on the same
 * scaled corpus and queries: build time, serialized size, cold start to first answer in a fresh
 * process (median of 5), and warm latency. Ratios are ours ÷ theirs, measured in the same run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { ReadoutIndex } from '../shared/search/readout-index.ts';
import { docText } from '../shared/search/search-doc.ts';
import { route, type ApiDeps } from '../shared/api/routes.ts';
import { seedDocs, scaleCorpus } from './corpus-scaler.ts';
import { queryMix } from './search-latency.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

function cold(engine: string, file: string, query: string, runs = 5) {
  const out = Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'bench/cold-start.ts', engine, file, query], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').pop()!));
  return { ms: median(out.map((o) => o.ms)), rssMB: Math.max(...out.map((o) => o.rssMB)) };
}

export async function compareEngines(n: number) {
  mkdirSync('.bench', { recursive: true });
  const docs = scaleCorpus(seedDocs(), n);
  const queries = queryMix().filter((q) => q.q).map((q) => q.q!);

  let t = performance.now();
  const ours = new ReadoutIndex();
  for (const d of docs) ours.upsert(d);
  const oursBuild = performance.now() - t;
  const oursFile = `.bench/ours-${n}.idx`;
  const art = ours.toArtifact(1);
  const oursBytes = art.index;
  writeFileSync(oursFile, art.index);
  writeFileSync(oursFile.replace(/idx$/, 'docs'), art.docs);

  t = performance.now();
  const mini = new MiniSearch({ fields: ['text'], storeFields: [] });
  mini.addAll(docs.map((d) => ({ id: d.id, text: docText(d) })));
  const miniBuild = performance.now() - t;
  const miniFile = `.bench/minisearch-${n}.json`;
  const miniJson = JSON.stringify(mini);
  writeFileSync(miniFile, miniJson);

  const deps = { reader: { current: async () => ours }, cursorSecret: 'bench' } as unknown as ApiDeps;
  const oursTimes: number[] = [];
  const miniTimes: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of queries) {
      let s = performance.now();
      JSON.stringify((await route({ method: 'GET', path: '/search', query: { q, limit: '10' } }, deps)).body);
      if (round) oursTimes.push(performance.now() - s);
      s = performance.now();
      JSON.stringify(mini.search(q).slice(0, 10).map((r) => r.id));
      if (round) miniTimes.push(performance.now() - s);
    }
  }
  const oursCold = cold('ours', oursFile, 'Afghanistan');
  const miniCold = cold('minisearch', miniFile, 'Afghanistan');
  return {
    n,
    ours: { buildMs: oursBuild, bytes: oursBytes.length, coldMs: oursCold.ms, rssMB: oursCold.rssMB, p50: pct(oursTimes, 0.5), p99: pct(oursTimes, 0.99) },
    minisearch: { buildMs: miniBuild, bytes: Buffer.byteLength(miniJson), coldMs: miniCold.ms, rssMB: miniCold.rssMB, p50: pct(miniTimes, 0.5), p99: pct(miniTimes, 0.99) },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const n of (process.env.BENCH_SIZES ?? '1000').split(',').map(Number)) {
    const r = await compareEngines(n);
    const row = (name: string, e: typeof r.ours) => `${name.padEnd(11)} build ${(e.buildMs / 1000).toFixed(1).padStart(6)} s  size ${(e.bytes / 1e6).toFixed(1).padStart(6)} MB  cold ${e.coldMs.toFixed(0).padStart(6)} ms  peak RSS ${e.rssMB.toFixed(0).padStart(5)} MB  warm p50 ${e.p50.toFixed(2).padStart(6)} ms  p99 ${e.p99.toFixed(2).padStart(6)} ms`;
    console.log(`\nN = ${n}`);
    console.log(row('ours', r.ours) + '   (summaries included)');
    console.log(row('minisearch', r.minisearch) + '   (top-10 ids)');
    console.log(`ratios ours/minisearch: size ${(r.ours.bytes / r.minisearch.bytes).toFixed(2)}, cold ${(r.ours.coldMs / r.minisearch.coldMs).toFixed(2)}, p50 ${(r.ours.p50 / r.minisearch.p50).toFixed(2)}, p99 ${(r.ours.p99 / r.minisearch.p99).toFixed(2)}`);
  }
}
