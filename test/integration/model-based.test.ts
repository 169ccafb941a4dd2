/**
 * Model-based property test (fast-check) against the local stack: random sequences of uploads,
 * overwrites, deletes, duplicated and late S3 events, index rebuilds and crash-and-restart, compared after every
 * step with a model of what must be searchable. No request may ever answer 5xx.
 *
 * Each readout carries one unique word; after a step settles, every live key's current word finds
 * exactly that key, and every word it once carried (overwritten or deleted) finds nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from './harness.ts';
import { freePort } from '../../local/runtime.ts';

/** Each run works on its own keys (run<n>/ prefix) in one long-lived stack. */
const NAMES = ['a.txt', 'b.txt', 'c.md'];

interface Model {
  live: Map<string, string>;
  retired: Set<string>;
}
interface Real {
  h: Harness;
  /** This run's key prefix. */
  prefix: string;
  dataDir: string;
  /** The S3 events delivered so far, to replay (duplicated or late). */
  events: string[];
  words: number;
}

/** Ten letters from a counter: far apart in edit distance, so typo tolerance never joins two. */
const wordFor = (n: number) => {
  let x = (n + 1) * 2_654_435_761;
  let w = 'q';
  for (let i = 0; i < 9; i++) {
    w += String.fromCharCode(97 + (x % 26));
    x = Math.floor(x / 26) + i * 7919;
  }
  return w;
};
/** A word each file name shares across runs: once in the base and gone from the live segment, it must still answer. */
const MARKS: Record<string, string> = { 'a.txt': 'alphamark', 'b.txt': 'betamark', 'c.md': 'gammamark' };
const body = (key: string, word: string) => {
  const mark = MARKS[key.split('/').pop()!]!;
  return key.endsWith('.md')
    ? `---\ntitle: "Call about ${word}"\ndate: 2024-04-02\n---\n\nRufus Firefly spoke with Vera Marena about ${word}, ${mark} and grain exports.`
    : `Call about ${word}\n2024-04-02 10:00:00 UTC\nNA\n\nRufus Firefly had a telephone conversation with Prime Minister of Sylvania Vera Marena.\n\nThe leaders discussed ${word} and ${mark}.`;
};

async function api(r: Real, path: string) {
  const res = await r.h.api(path);
  expect(res.status, `${path} answered ${res.status}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
  return res.body;
}

/**
 * The handlers are modules of this process, loaded once, like warm Lambda containers that outlive
 * restarts of the services behind them: every stack of this file uses the same ports, so their
 * clients reconnect.
 */
let ports: { apiPort: number; s3Port: number; dynamoPort: number } | undefined;

async function start(dataDir: string, events: string[], fresh: boolean): Promise<Harness> {
  ports ??= { apiPort: await freePort(), s3Port: await freePort(), dynamoPort: await freePort() };
  const h = await startHarness({
    ...ports,
    dataDir,
    fresh,
    deliverS3Event: (b, send) => {
      events.push(b);
      send(b);
    },
    streamStartAt: fresh ? 'TRIM_HORIZON' : 'LATEST',
  });
  // What `npm start` does after a restart: catch up whatever changed or was half-done meanwhile.
  if (!fresh) await h.stack.reconcile();
  return h;
}

/** Waits until search agrees with the model (or fails, naming the first disagreement). */
async function agree(m: Model, r: Real) {
  let last = '';
  await waitFor(
    async () => {
      for (const [key, word] of m.live) {
        const found = await api(r, `/search?q=${encodeURIComponent(`"${word}"`)}&limit=5`);
        const keys = found.results.map((x: any) => x.readout.source.key);
        if (found.total !== 1 || keys[0] !== key) {
          last = `"${word}" should find ${key} only, found ${JSON.stringify(keys)}`;
          return false;
        }
      }
      for (const word of m.retired) {
        const found = await api(r, `/search?q=${encodeURIComponent(`"${word}"`)}&limit=5`);
        if (found.total !== 0) {
          last = `retired "${word}" still finds ${JSON.stringify(found.results.map((x: any) => x.readout.source.key))}`;
          return false;
        }
      }
      // Words every readout shares (some in the base, some in live deltas, some in deleted ones): answered, never a 5xx.
      for (const q of [
        'grain',
        'Firefly',
        '"telephone conversation"',
        'leaders discussed',
        'grai*',
        ...Object.values(MARKS),
      ])
        await api(r, `/search?q=${encodeURIComponent(q)}`);
      return true;
    },
    20_000,
    'search to agree with the model',
  ).catch((e) => {
    throw new Error(`${(e as Error).message}: ${last}`);
  });
}

class Put implements fc.AsyncCommand<Model, Real> {
  constructor(readonly name: string) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const key = `${r.prefix}${this.name}`;
    const word = wordFor(r.words++);
    await r.h.put(key, body(key, word));
    const old = m.live.get(key);
    if (old) m.retired.add(old);
    m.live.set(key, word);
    await agree(m, r);
    expect((await api(r, `/readouts?key=${encodeURIComponent(key)}`)).status).toBe('indexed');
  }
  toString = () => `put(${this.name})`;
}

class Delete implements fc.AsyncCommand<Model, Real> {
  constructor(readonly name: string) {}
  check = (m: Readonly<Model>) => [...m.live.keys()].some((k) => k.endsWith(`/${this.name}`));
  async run(m: Model, r: Real) {
    const key = `${r.prefix}${this.name}`;
    await r.h.del(key);
    m.retired.add(m.live.get(key)!);
    m.live.delete(key);
    await agree(m, r);
  }
  toString = () => `delete(${this.name})`;
}

/** An S3 event delivered again, possibly long after newer ones: it must change nothing. */
class ReplayEvent implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    if (!r.events.length) return;
    r.h.stack.sendS3Event(r.events[this.pick % r.events.length]!);
    await r.h.stack.ingestQueue.drain();
    await new Promise((res) => setTimeout(res, 300));
    await agree(m, r);
  }
  toString = () => `replay(event ${this.pick})`;
}

/** A full rebuild (as after compaction): what was in live deltas moves into a fresh base. */
class Rebuild implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    await r.h.stack.reindex();
    await agree(m, r);
  }
  toString = () => 'rebuild';
}

/** The whole stack stops (as a crash would leave it: queue and in-flight work gone) and starts again. */
class Restart implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    await r.h.stack.stop();
    // Events from before the crash stay replayable: late deliveries across a restart must change nothing.
    r.h = await start(r.dataDir, r.events, false);
    await agree(m, r);
  }
  toString = () => 'restart';
}

let real: Real | undefined;
afterAll(async () => {
  await real?.h.stack.stop();
  if (real) rmSync(real.dataDir, { recursive: true, force: true });
});

describe('model-based: random operation sequences against the local stack', () => {
  it('search always agrees with the model, and nothing answers 5xx', async () => {
    const commands = [
      fc.constantFrom(...NAMES).map((k) => new Put(k)),
      fc.constantFrom(...NAMES).map((k) => new Delete(k)),
      fc.nat(50).map((n) => new ReplayEvent(n)),
      fc.constant(new Restart()),
      fc.constant(new Rebuild()),
    ];
    const dataDir = mkdtempSync(join(tmpdir(), 'readout-model-'));
    const events: string[] = [];
    real = { h: await start(dataDir, events, true), dataDir, events, words: 0, prefix: '' };
    let runs = 0;
    let steps = 0;
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 10 }), async (cmds) => {
        const r = real!;
        r.prefix = `readouts/model/run${runs}/`;
        for (const c of cmds) {
          steps++;
          kinds.add(String(c).replace(/\(.*/, ''));
        }
        await fc.asyncModelRun(
          () => ({ model: { live: new Map<string, string>(), retired: new Set<string>() }, real: r }),
          cmds,
        );
        runs++;
      }),
      { numRuns: 8, seed: 20261202, endOnFailure: true },
    );
    expect(runs).toBe(8);
    expect(steps).toBeGreaterThan(12); // the sequences were not empty
    expect([...kinds].sort()).toEqual(['delete', 'put', 'rebuild', 'replay', 'restart']); // and every kind of step ran
  }, 900_000);
});
