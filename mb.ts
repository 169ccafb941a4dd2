import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeReadout } from './shared/readout/decode.ts';
import { extract } from './shared/readout/extract.ts';
import { normaliseBody, splitSentences } from './shared/readout/sentences.ts';
import * as P from './shared/readout/participants.ts';
function files(dir: string): string[] { return readdirSync(dir).flatMap((n) => { const p = join(dir, n); return statSync(p).isDirectory() ? (n === 'gold' ? [] : files(p)) : [p]; }); }
const texts: string[] = [];
for (const f of files('../shared/corpus')) { const d = decodeReadout(f, readFileSync(f)); if (!d.ok) continue; const ex = extract(d.text, d.format); for (const s of splitSentences(normaliseBody(ex.body))) texts.push(s.text); }
console.log('sentences', texts.length);
const src = readFileSync('shared/readout/participants.ts', 'utf8');
const t = (name: string, fn: (s: string) => unknown) => { const st = performance.now(); for (const s of texts) fn(s); console.log(name.padEnd(20), (performance.now() - st).toFixed(0), 'ms'); };
t('personRuns', (s) => P.personRuns(s));
t('cleanName', (s) => P.cleanName(s.slice(0, 30)));
for (const r of ['ROLE_NAME', 'WORD_BEFORE_SPEECH', 'BARE_NAME', 'COUNTERPART', 'WITH_NAME'] as const) t(r, (s) => [...s.matchAll((P as any)[r])]);
t('NOT_NAME', (s) => (P as any).NOT_NAME?.test(s.slice(0, 10)));
