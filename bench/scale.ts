/**
 * The scale table: at each N, our index beside minisearch and SQLite FTS5 (node:sqlite) on the same
 * scaled corpus and queries, measured in one run. Each engine's serialized index goes to a local S3
 * (s3rver); cold start = a fresh, esbuild-bundled process that fetches it, loads it and answers the
 * first query (median of 5). Warm p50/p99 come from one more process per engine, all alive together
 * and put to each query in turn (`pairedWarm`), and peak RSS is the largest of an engine's processes.
 * Ratios are ours ÷ theirs from the same run.
 */
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { build } from 'esbuild';
import MiniSearch from 'minisearch';
import { startS3rver } from '../local/services.ts';
import { s3For } from '../local/upload-files.ts';
import { parseReadout } from '../shared/readout/parse.ts';
import { CompactSegment } from '../shared/search/compact-segment.ts';
import { docText, type SearchDoc } from '../shared/search/search-doc.ts';
import type { BenchQuery } from './cold-start.ts';
import { seedDocs, scaleCorpus } from './corpus-scaler.ts';
import { publishOne } from './publish-cost.ts';
import { queryMix } from './search-latency.ts';

const DIR = '.bench';
const BUCKET = 'bench';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface EngineRow {
  buildMs: number;
  bytes: number;
  coldMs: number;
  rssMB: number;
  p50: number;
  p99: number;
}
export interface ScaleRow {
  n: number;
  parsePerSecond: number;
  ours: EngineRow & { docStoreBytes: number };
  minisearch: EngineRow;
  fts5: EngineRow;
  publish: { ms: number; bytes: number };
}

/** The 200-query mix, in our API form and as plain text for engines without our filters. */
function benchQueries(): BenchQuery[] {
  return queryMix().map((api) => ({ api, text: api.q ?? api.topic ?? 'Afghanistan' }));
}

/** Parse + analyse of readouts rendered back to text from the scaled records (up to 3,000 of them). */
function parseRate(docs: SearchDoc[]): number {
  const texts = docs.slice(0, 3000).map((d) => `${d.title ?? ''}\n\n${d.sentences.map((s) => s.text).join(' ')}`);
  const run = () => {
    for (const [i, text] of texts.entries())
      parseReadout({ id: `p${i}`, text, format: 'txt', source: { bucket: 'b', key: `p${i}.txt`, etag: null } });
  };
  run();
  let best = 0;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    run();
    best = Math.max(best, texts.length / ((performance.now() - t) / 1000));
  }
  return Math.round(best);
}

/** BENCH_ENGINES selects the engines beside ours (ours,fts5 skips minisearch; ratios to a skipped one print as n/a). */
const ENGINES = new Set((process.env.BENCH_ENGINES ?? 'ours,minisearch,fts5').split(','));
const SKIPPED: EngineRow = { buildMs: NaN, bytes: NaN, coldMs: NaN, rssMB: NaN, p50: NaN, p99: NaN };

export async function scaleRow(n: number, s3: { endpoint: string }, coldRuns = 5): Promise<ScaleRow> {
  const docs = scaleCorpus(seedDocs(), n);
  const parsePerSecond = parseRate(docs);
  const client = s3For(s3.endpoint);
  const put = async (key: string, body: Uint8Array) => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
  };

  // Ours: the compact base and its doc store, as the index function publishes them.
  const t = performance.now();
  const art = CompactSegment.build(docs, { version: 1, createdAt: new Date().toISOString() });
  const oursBuild = performance.now() - t;
  await put(`ours-${n}.idx`, art.index);
  await put(`ours-${n}.docs`, art.docs);
  const publish = await publishOne(docs, art);
  // One at a time, and asynchronously: the local S3 answers from this process's event loop.
  const cold = async (engine: string, key: string) => {
    const runs = [];
    for (let i = 0; i < coldRuns; i++) {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [`${DIR}/cold-start.mjs`, engine, s3.endpoint, BUCKET, key],
        { encoding: 'utf8', maxBuffer: 1 << 26 },
      );
      runs.push(JSON.parse(stdout.trim().split('\n').pop()!) as { coldMs: number; rssMB: number });
    }
    return { coldMs: median(runs.map((r) => r.coldMs)), rssMB: Math.max(...runs.map((r) => r.rssMB)) };
  };

  const built: Record<string, Built> = {
    ours: { buildMs: oursBuild, bytes: art.index.length, key: `ours-${n}.idx` },
  };
  if (ENGINES.has('minisearch')) built.minisearch = await minisearchBuild(n, docs, put);
  if (ENGINES.has('fts5')) built.fts5 = await fts5Build(n, docs, put);
  const colds: Record<string, { coldMs: number; rssMB: number }> = {};
  for (const [engine, b] of Object.entries(built)) colds[engine] = await cold(engine, b.key);
  const warm = await pairedWarm(
    Object.entries(built).map(([engine, b]) => ({ engine, key: b.key })),
    s3.endpoint,
    benchQueries(),
  );
  const row = (engine: string): EngineRow => {
    const b = built[engine];
    if (!b) return SKIPPED;
    const w = warm.get(engine)!;
    return {
      buildMs: b.buildMs,
      bytes: b.bytes,
      coldMs: colds[engine]!.coldMs,
      rssMB: Math.max(colds[engine]!.rssMB, w.rssMB),
      p50: w.p50,
      p99: w.p99,
    };
  };
  return {
    n,
    parsePerSecond,
    publish,
    ours: { ...row('ours'), docStoreBytes: art.docs.length },
    minisearch: row('minisearch'),
    fts5: row('fts5'),
  };
}

/** An engine's published index: how long it took to build, its size, and its key in the bench bucket. */
interface Built {
  buildMs: number;
  bytes: number;
  key: string;
}

/**
 * Warm latency of every engine from the same moments: one warm process per engine, all alive, each
 * query put to each of them in turn (the order rotating from query to query), each answer timed in
 * its own process. The machines this runs on are shared: measured one after the other, the same
 * code's ratio to FTS5 moved between 0.53 and 1.01 from run to run, because the engines met
 * different loads; taken in turn, a slow moment falls on all of them. `turn` queries go to one engine
 * before the next takes its turn: 1 (the default) shares the moments most closely; a whole round
 * (200) keeps each engine's caches its own longest. Round 0 warms up; p50/p99 are of the later rounds.
 */
export async function pairedWarm(
  engines: { engine: string; key: string }[],
  endpoint: string,
  queries: BenchQuery[],
  rounds = 3,
  turn = 1,
): Promise<Map<string, { p50: number; p99: number; rssMB: number }>> {
  const procs = engines.map(({ engine, key }) => {
    const child = spawn(process.execPath, [`${DIR}/cold-start.mjs`, engine, endpoint, BUCKET, key, 'serve'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    // A probe that dies says so through next() ("ended early"), not as an EPIPE on the next write.
    child.stdin.on('error', () => undefined);
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const next = async () => {
      const { value, done } = await lines.next();
      if (done) throw new Error(`the ${engine} probe ended early (exit ${child.exitCode})`);
      return JSON.parse(value as string) as { ready?: true; ms?: number; rssMB?: number };
    };
    return { engine, child, next, times: [] as number[] };
  });
  try {
    // Started together, loaded one by one: each process is ready before the next is asked anything.
    for (const p of procs) await p.next();
    for (let round = 0; round < rounds; round++) {
      for (let at = 0; at < queries.length; at += turn) {
        for (let k = 0; k < procs.length; k++) {
          const p = procs[(at / turn + round + k) % procs.length]!;
          for (const q of queries.slice(at, at + turn)) {
            p.child.stdin.write(`${JSON.stringify(q)}\n`);
            const { ms } = await p.next();
            if (round) p.times.push(ms!);
          }
        }
      }
    }
    const out = new Map<string, { p50: number; p99: number; rssMB: number }>();
    for (const p of procs) {
      p.child.stdin.end();
      const { rssMB } = await p.next();
      const t = p.times.sort((a, b) => a - b);
      out.set(p.engine, {
        p50: t[Math.floor(t.length / 2)]!,
        p99: t[Math.min(t.length - 1, Math.floor(t.length * 0.99))]!,
        rssMB: rssMB!,
      });
    }
    return out;
  } finally {
    for (const p of procs) p.child.kill();
  }
}

type Put = (key: string, body: Uint8Array) => Promise<void>;

/** minisearch: its own JSON serialization (ids only stored, like ours keeps bodies out). */
async function minisearchBuild(n: number, docs: SearchDoc[], put: Put): Promise<Built> {
  const t = performance.now();
  const mini = new MiniSearch({ fields: ['text'], storeFields: [] });
  mini.addAll(docs.map((d) => ({ id: d.id, text: docText(d) })));
  const buildMs = performance.now() - t;
  const json = Buffer.from(JSON.stringify(mini));
  await put(`minisearch-${n}.json`, json);
  return { buildMs, bytes: json.length, key: `minisearch-${n}.json` };
}

/** SQLite FTS5: a .db file (contentless of metadata; the text is its content, as FTS5 needs). */
async function fts5Build(n: number, docs: SearchDoc[], put: Put): Promise<Built> {
  const dbFile = `${DIR}/fts5-${n}.db`;
  rmSync(dbFile, { force: true });
  const t = performance.now();
  const db = new DatabaseSync(dbFile);
  db.exec('PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, text);');
  const insert = db.prepare('INSERT INTO docs(id, text) VALUES (?, ?)');
  db.exec('BEGIN');
  for (const d of docs) insert.run(d.id, docText(d));
  db.exec("COMMIT; INSERT INTO docs(docs) VALUES('optimize');");
  db.close();
  const buildMs = performance.now() - t;
  await put(`fts5-${n}.db`, readFileSync(dbFile));
  return { buildMs, bytes: statSync(dbFile).size, key: `fts5-${n}.db` };
}

/** Bundles the cold-start probe like a Lambda function (one ESM file, minified). */
export async function bundleColdStart(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  await build({
    entryPoints: ['bench/cold-start.ts'],
    outfile: `${DIR}/cold-start.mjs`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
}

export async function scaleTable(sizes: number[], print: (line: string) => void): Promise<ScaleRow[]> {
  await bundleColdStart();
  const s3 = await startS3rver(0, '127.0.0.1', `${DIR}/s3`, [BUCKET]);
  const rows: ScaleRow[] = [];
  try {
    for (const n of sizes) {
      const r = await scaleRow(n, s3);
      rows.push(r);
      printRow(r, print);
    }
  } finally {
    await s3.stop();
    rmSync(`${DIR}/s3`, { recursive: true, force: true });
  }
  return rows;
}

const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

export function printRow(r: ScaleRow, print: (line: string) => void): void {
  const line = (name: string, e: EngineRow, note = '') =>
    print(
      `  ${name.padEnd(11)} build ${(e.buildMs / 1000).toFixed(1).padStart(6)} s   index ${mb(e.bytes).padStart(9)}   cold ${e.coldMs.toFixed(0).padStart(5)} ms   peak RSS ${e.rssMB.toFixed(0).padStart(5)} MB   warm p50 ${e.p50.toFixed(2).padStart(6)} ms  p99 ${e.p99.toFixed(2).padStart(6)} ms${note}`,
    );
  print(
    `\nN = ${r.n.toLocaleString('en')}   parse+analyse ${r.parsePerSecond} readouts/s (one core, records rendered back to text)   publish one readout: ${r.publish.ms.toFixed(1)} ms, ${r.publish.bytes.toLocaleString('en')} B written`,
  );
  line(
    'ours',
    r.ours,
    `   (summaries, facets, filters; + doc store ${mb(r.ours.docStoreBytes)}, read per result shown and in the background)`,
  );
  if (!Number.isNaN(r.minisearch.buildMs)) line('minisearch', r.minisearch, '   (top-10 ids)');
  if (!Number.isNaN(r.fts5.buildMs)) line('fts5', r.fts5, '   (top-10 ids, bm25)');
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  for (const [name, e] of (
    [
      ['minisearch', r.minisearch],
      ['fts5', r.fts5],
    ] as const
  ).filter(([, x]) => !Number.isNaN(x.buildMs))) {
    print(
      `  ours ÷ ${name.padEnd(10)} index ${ratio(r.ours.bytes, e.bytes)}   cold ${ratio(r.ours.coldMs, e.coldMs)}   RSS ${ratio(r.ours.rssMB, e.rssMB)}   p50 ${ratio(r.ours.p50, e.p50)}   p99 ${ratio(r.ours.p99, e.p99)}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await scaleTable((process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number), console.log);
}
