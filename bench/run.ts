/** `npm run bench`: prints numbers, asserts nothing (the machine is noisy; compare within one run). */
import { cpus } from 'node:os';
import { parseThroughput } from './parse-throughput.ts';
import { searchLatency } from './search-latency.ts';

console.log(`Readout Search benchmarks — ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}\n`);
const p = parseThroughput();
const kbPerSec = (p.perSecond * p.avgBytes) / 1024;
console.log(`parse+analyse      ${String(p.perSecond).padStart(6)} readouts/s on one core  (${p.docs} readouts, avg ${p.avgBytes} B; ${(kbPerSec / 4).toFixed(0)} readouts/s at 4 KB each)   target ≥ 1000/s`);
const s = await searchLatency();
console.log(`warm search        p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms (route + summaries + JSON; ${s.queries} mixed queries × 5 rounds, ${s.readouts} readouts)   target p50 ≤ 5 ms, p99 ≤ 20 ms`);
