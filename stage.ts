import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeReadout } from './shared/readout/decode.ts';
import { extract } from './shared/readout/extract.ts';
import { normaliseBody, splitSentences } from './shared/readout/sentences.ts';
import { findParticipants } from './shared/readout/participants.ts';
function files(dir: string): string[] { return readdirSync(dir).flatMap((n) => { const p = join(dir, n); return statSync(p).isDirectory() ? (n === 'gold' ? [] : files(p)) : /\.(txt|md|html?)$/.test(n) ? [p] : []; }); }
const docs = files('../shared/corpus').map((f) => { const b = readFileSync(f); if (b.length < 3500 || b.length > 4700) return null; const d = decodeReadout(f, b); if (!d.ok) return null; const ex = extract(d.text, d.format); return { title: ex.title, spans: splitSentences(normaliseBody(ex.body)) }; }).filter(Boolean) as any[];
for (let r = 0; r < 5; r++) for (const d of docs) findParticipants({ title: d.title, spans: d.spans, publisherCountry: 'Russia' });
let best = Infinity;
for (let k = 0; k < 8; k++) { const s = performance.now(); for (let r = 0; r < 5; r++) for (const d of docs) findParticipants({ title: d.title, spans: d.spans, publisherCountry: 'Russia' }); best = Math.min(best, (performance.now() - s) / 5 / docs.length); }
console.log('findParticipants', (best * 1000).toFixed(0), 'µs per 4 KB readout (best)');
