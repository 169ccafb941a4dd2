/**
 * Run in a fresh process: load one engine's serialized index from a file and answer one query.
 * Prints JSON: milliseconds since process start (node boot, module loading, load, first answer) and peak RSS.
 *   node --import tsx bench/cold-start.ts <ours|minisearch> <file> <query>
 */
import { readFileSync } from 'node:fs';

const [engine, file, query] = process.argv.slice(2) as [string, string, string];
let answer: unknown;
if (engine === 'ours') {
  const { ReadoutIndex } = await import('../shared/search/readout-index.ts');
  const { route } = await import('../shared/api/routes.ts');
  const index = ReadoutIndex.fromArtifact({ index: readFileSync(file), docs: readFileSync(file.replace(/idx$/, 'docs')) });
  const deps = { reader: { current: async () => index }, cursorSecret: 'bench' } as never;
  answer = (await route({ method: 'GET', path: '/search', query: { q: query, limit: '10' } }, deps)).body;
} else {
  const { default: MiniSearch } = await import('minisearch');
  const ms = MiniSearch.loadJSON(readFileSync(file, 'utf8'), { fields: ['text'], storeFields: [] });
  answer = ms.search(query).slice(0, 10).map((r) => r.id);
}
JSON.stringify(answer);
console.log(JSON.stringify({ ms: performance.now(), rssMB: process.resourceUsage().maxRSS / 1024 }));
