/**
 * One engine's cold start, run in a fresh process and bundled by esbuild like a Lambda function:
 * fetch the serialized index from S3 (the local stand-in), load it, answer the first query. Prints
 * JSON: ms since the process started and peak RSS. With `serve` as the last argument it then answers
 * queries from stdin (one JSON BenchQuery per line, one `{"ms"}` line back, timed in here), so that
 * the bench can put every engine's warm process to the same query in turn (`pairedWarm` in scale.ts).
 *   node .bench/cold-start.mjs <ours|minisearch|fts5> <s3 endpoint> <bucket> <key> [serve]
 */
import { createInterface } from 'node:readline';
import { LOCAL_CREDENTIALS } from '../local/credentials.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';

export interface BenchQuery {
  api: Record<string, string>;
  text: string;
}

const [engine, endpoint, bucket, key, mode] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string | undefined,
];
const s3 = new S3Client({
  endpoint,
  forcePathStyle: true,
  region: 'us-east-1',
  credentials: LOCAL_CREDENTIALS,
});
const get = async (k: string) =>
  (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: k }))).Body!.transformToByteArray();

let ask: (q: BenchQuery) => Promise<unknown>;
let whenWarm = async () => undefined as unknown;
if (engine === 'ours') {
  // Exactly the search function's cold path: the base opened by range from S3, hot sections first.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  const { IndexArtifacts } = await import('../shared/pipeline/index-artifacts.ts');
  const { S3ObjectStore } = await import('../shared/store/object-store.ts');
  const { route } = await import('../shared/api/routes.ts');
  const idx = await new IndexArtifacts(new S3ObjectStore(), bucket).open({
    version: 1,
    key,
    baseVersion: 1,
    deltas: [],
    docCount: 0,
    publishedAt: '',
  });
  const deps = { reader: { current: async () => idx }, cursorSecret: 'bench' } as never;
  ask = async (q) => JSON.stringify((await route({ method: 'GET', path: '/search', query: q.api }, deps)).body);
  // Warm figures are for the steady state: the rest of the base read in (the function does it in the background).
  whenWarm = () => idx.complete();
} else if (engine === 'minisearch') {
  const { default: MiniSearch } = await import('minisearch');
  const ms = MiniSearch.loadJSON(Buffer.from(await get(key)).toString('utf8'), { fields: ['text'], storeFields: [] });
  ask = async (q) =>
    JSON.stringify(
      ms
        .search(q.text)
        .slice(0, 10)
        .map((r) => r.id),
    );
} else {
  const { DatabaseSync } = await import('node:sqlite');
  // A Lambda keeps the file in /tmp and SQLite maps it: nothing is parsed up front.
  const file = join(tmpdir(), `bench-${process.pid}.db`);
  writeFileSync(file, await get(key));
  const db = new DatabaseSync(file, { readOnly: true });
  const stmt = db.prepare('SELECT id FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10');
  ask = async (q) => JSON.stringify(stmt.all(toFts5(q.text)).map((r) => r.id));
}
await ask({ api: { q: 'Afghanistan', limit: '10' }, text: 'Afghanistan' });
const coldMs = performance.now();

if (mode === 'serve') {
  // Warm figures are for the steady state: ours finishes reading its base first, as the function
  // does in the background after its first answer.
  await whenWarm();
  console.log(JSON.stringify({ coldMs, ready: true }));
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line) continue;
    const t = performance.now();
    await ask(JSON.parse(line) as BenchQuery);
    console.log(JSON.stringify({ ms: performance.now() - t }));
  }
}
console.log(JSON.stringify({ coldMs, rssMB: peakRssMB() }));

/**
 * This process's own peak resident memory, in MB. Linux's VmHWM belongs to the process's memory map,
 * which exec replaces; getrusage's maxrss does not start over at exec, so a probe forked from the
 * bench (which holds the whole corpus) would report the bench's size instead of its own.
 */
function peakRssMB(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    /* not Linux */
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** Our query syntax → FTS5: words OR-ed (ranked by bm25), "phrases" kept, -words as NOT. */
function toFts5(text: string): string {
  const must: string[] = [];
  const any: string[] = [];
  const not: string[] = [];
  for (const m of text.matchAll(/(-?)"([^"]+)"|(-?)([^\s"]+)/g)) {
    const phrase = m[2] !== undefined;
    const raw = (phrase ? m[2]! : m[4]!).replace(/[^\p{L}\p{N}\s*]/gu, ' ').trim();
    if (!raw || raw === 'OR') continue;
    const term = phrase
      ? `"${raw}"`
      : raw.endsWith('*')
        ? `${raw.slice(0, -1).split(/\s+/).join(' ')}*`
        : raw
            .split(/\s+/)
            .map((w) => `"${w}"`)
            .join(' ');
    if (m[1] === '-' || m[3] === '-') not.push(term);
    else if (phrase) must.push(term);
    else any.push(term);
  }
  let q = [...must, any.length ? `(${any.join(' OR ')})` : ''].filter(Boolean).join(' AND ');
  if (!q) q = '"the"';
  for (const n of not) q += ` NOT ${n}`;
  return q;
}
