import { buildCorpusIndex, queryMix } from './bench/search-latency.ts';
import { route, type ApiDeps } from './shared/api/routes.ts';
const { index } = buildCorpusIndex();
const deps = { reader: { current: async () => index }, cursorSecret: 'bench' } as unknown as ApiDeps;
const mix = queryMix();
const per = new Map<string, number[]>();
for (let r = 0; r < 4; r++) for (const q of mix) { const t = performance.now(); const res = await route({ method: 'GET', path: '/search', query: q }, deps); JSON.stringify(res.body); if (r) { const k = JSON.stringify(q); per.set(k, [...(per.get(k) ?? []), performance.now() - t]); } }
console.log([...per.entries()].map(([k, v]) => [k, Math.max(...v)] as const).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${v.toFixed(1)}ms ${k}`).join('\n'));
