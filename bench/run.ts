/** `npm run bench`: prints numbers, asserts nothing (the machine is noisy; compare within one run). */
import { cpus, totalmem } from 'node:os';
import { parseThroughput } from './parse-throughput.ts';
import { pathologicalParse } from './pathological-parse.ts';
import { searchLatency } from './search-latency.ts';
import { scaleTable } from './scale.ts';

const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
console.log(
  `Readout Search benchmarks — ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
);
const p = parseThroughput();
console.log(
  `parse+analyse      ${String(p.perSecond).padStart(6)} readouts/s on one core, best round (median ${p.medianPerSecond})  (all ${p.docs} readouts, avg ${p.avgBytes} B)`,
);
const p4 = parseThroughput(3, [3500, 4700]);
console.log(
  `parse+analyse 4 KB ${String(p4.perSecond).padStart(6)} readouts/s on one core, best round (median ${p4.medianPerSecond})  (the ${p4.docs} readouts of 3.5-4.7 KB, avg ${p4.avgBytes} B)   target ≥ 1000/s`,
);
for (const r of pathologicalParse()) {
  console.log(
    `hostile input ${String(r.bytes / 1000).padStart(5)} KB: ${r.inputs} inputs in ${r.totalMs.toFixed(0)} ms, slowest ${r.worstMs.toFixed(0)} ms (${r.worst})`,
  );
}
const s = await searchLatency();
console.log(
  `warm search        p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms (route + summaries + JSON; ${s.queries} mixed queries × 5 rounds, ${s.readouts} real readouts)`,
);
console.log(
  `\nScale (${sizes.join(', ')}): targets at 100k — warm p50 ≤ 5 ms, p99 ≤ 25 ms; cold ≤ 1,000 ms (≤ 0.15× minisearch, ≤ 5× FTS5); index ≤ 0.5× minisearch; peak RSS ≤ 1 GB`,
);
await scaleTable(sizes, console.log);
