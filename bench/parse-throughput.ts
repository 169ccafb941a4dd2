/**
 * Parse + analyse throughput on one core: readouts per second, for ~4 KB readouts.
 * Uses ../shared/corpus when present (bytes read once, outside the timing), else samples/ + fixtures.
 */
import { readFileSync } from 'node:fs';
import { CORPUS_DIR, corpusAvailable, readoutFiles } from '../shared/corpus-path.ts';
import { decodeReadout } from '../shared/readout/decode.ts';
import { parseReadout } from '../shared/readout/parse.ts';

/** `sizeRange` keeps only readouts of that many bytes (e.g. the ~4 KB ones the target speaks of). */
export function parseThroughput(
  minSeconds = 3,
  sizeRange?: [number, number],
): { docs: number; avgBytes: number; perSecond: number; medianPerSecond: number; source: string } {
  const source = corpusAvailable() ? CORPUS_DIR : 'samples/ + test/fixtures/';
  const paths = corpusAvailable()
    ? readoutFiles(CORPUS_DIR)
    : [...readoutFiles('samples'), ...readoutFiles('test/fixtures')];
  let inputs = paths.map((p) => ({ key: p, bytes: readFileSync(p) }));
  if (sizeRange) {
    const within = inputs.filter((i) => i.bytes.length >= sizeRange[0] && i.bytes.length <= sizeRange[1]);
    if (within.length) inputs = within;
  }
  const avgBytes = inputs.reduce((a, i) => a + i.bytes.length, 0) / inputs.length;
  const run = () => {
    for (const { key, bytes } of inputs) {
      const d = decodeReadout(key, bytes);
      if (d.ok) parseReadout({ id: 'bench', text: d.text, format: d.format, source: { bucket: 'b', key, etag: null } });
    }
  };
  run(); // warm-up: JIT and regex compilation
  // Best round of many: the machine is shared and noisy, and the fastest round is the one least
  // disturbed (the median round is reported too).
  const rounds: number[] = [];
  const started = performance.now();
  while (performance.now() - started < minSeconds * 1000 || rounds.length < 5) {
    const t = performance.now();
    run();
    rounds.push(inputs.length / ((performance.now() - t) / 1000));
  }
  rounds.sort((a, b) => b - a);
  return {
    docs: inputs.length,
    avgBytes: Math.round(avgBytes),
    perSecond: Math.round(rounds[0]!),
    medianPerSecond: Math.round(rounds[Math.floor(rounds.length / 2)]!),
    source,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = parseThroughput();
  console.log(
    `parse+analyse: best ${r.perSecond}, median ${r.medianPerSecond} readouts/s on one core (${r.docs} readouts from ${r.source}, avg ${r.avgBytes} bytes)`,
  );
}
