/**
 * Every endpoint through HTTP on the local stack (bundled handlers, DynamoDB Local, s3rver),
 * loaded with the samples and test fixtures: search features, pagination, topics, digest,
 * compare, OpenAPI, and request validation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Validator as OpenApiValidator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from './harness.ts';

let h: Harness;
const files = [
  ...readdirSync('samples').map((n) => ({ key: `readouts/samples/${n}`, path: `samples/${n}` })),
  // (files only: test/fixtures/publisher-styles holds the parser's house-style cases)
  ...readdirSync('test/fixtures', { withFileTypes: true })
    .filter((e) => e.isFile())
    .map(({ name: n }) => ({ key: `readouts/fixtures/${n}`, path: `test/fixtures/${n}` })),
];

beforeAll(async () => {
  h = await startHarness();
  for (const f of files) await h.put(f.key, readFileSync(f.path));
  await waitFor(async () => (await h.api('/health')).body.readouts === files.length, 60_000, 'all fixtures indexed');
});
afterAll(async () => {
  await h?.stack.stop();
});

const search = async (qs: string) => (await h.api(`/search?${qs}`)).body;
const keys = (body: any) => body.results.map((r: any) => r.readout.source.key.split('/').pop());

describe('GET /health', () => {
  it('reports the index version, its size and whether all of it is in memory', async () => {
    const b = (await h.api('/health')).body;
    expect(b).toMatchObject({ ok: true, readouts: files.length, indexLoaded: true });
    expect(b.indexVersion).toBeGreaterThan(0);
  });
});

describe('GET /search', () => {
  it('ranks by relevance and returns speaker-attributed statements with offsets and highlights', async () => {
    const b = await search('q=afghanistan&limit=50');
    expect(b.total).toBeGreaterThanOrEqual(5);
    expect(
      b.results.flatMap((r: any) => r.summary.statements.flatMap((s: any) => s.highlights)).length,
    ).toBeGreaterThan(0); // the loops below run
    for (const r of b.results) {
      expect(r.summary.statements.length).toBeGreaterThan(0);
      for (const s of r.summary.statements) {
        expect(s.text.toLowerCase()).toContain('afghan');
        for (const [start, end] of s.highlights) expect(end).toBeGreaterThan(start);
        expect(s.end - s.start).toBe(s.text.length);
      }
    }
    expect(b.results[0].score).toBeGreaterThanOrEqual(b.results.at(-1).score);
    expect(b.facets.publishers).toBeTypeOf('object');
    expect(b.tookMs).toBeTypeOf('number');
  });

  it("lists each facet's most frequent values, up to facetSize, and says how many a cut facet has", async () => {
    const all = await search('q=president&facetSize=1000');
    const topics = Object.entries(all.facets.topics) as Array<[string, number]>;
    expect(topics.length).toBeGreaterThan(3); // the cut below cuts
    expect(all.facetValues).toBeUndefined();
    const top = await search('q=president&facetSize=3');
    expect(Object.keys(top.facets.topics)).toHaveLength(3);
    expect(top.facetValues.topics).toBe(topics.length);
    // The three most frequent, equal counts by value.
    const expected = topics.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
    expect(Object.entries(top.facets.topics)).toEqual(expected);
    expect((await search('q=president&facetSize=0')).facets.topics).toEqual({});
  });

  it('matches plurals, typos and prefixes', async () => {
    expect((await search('q=vaccines')).total).toBe((await search('q=vaccine')).total);
    const typo = await search('q=afghanistn');
    expect(typo.total).toBeGreaterThan(0);
    expect(typo.query.expansions.afghanistn).toContain('afghanistan');
    expect((await search('q=interconn*')).total).toBeGreaterThan(0);
  });

  it('honours "phrases", -exclusions and OR', async () => {
    const phrase = await search(`q=${encodeURIComponent('"grain exports"')}&limit=50`);
    expect(phrase.total).toBeGreaterThan(0);
    for (const r of phrase.results)
      expect(r.summary.statements.some((s: any) => /grain exports/i.test(s.text))).toBe(true);
    const all = await search('q=afghanistan&limit=50');
    const minus = await search(`q=${encodeURIComponent('afghanistan -refugees')}&limit=50`);
    expect(minus.total).toBeLessThan(all.total);
    expect(minus.results.length).toBeGreaterThan(0);
    for (const r of minus.results) expect(JSON.stringify(r)).not.toMatch(/refugees/i);
    const or = await search(`q=${encodeURIComponent('earthquake OR wildfires')}&limit=50`);
    expect(or.total).toBeGreaterThanOrEqual((await search('q=earthquake')).total);
  });

  it('filters by topic alias: vaccines and covid find the same readouts', async () => {
    const a = await search('topic=vaccines&limit=50');
    const b = await search('topic=covid&limit=50');
    expect(a.total).toBeGreaterThan(0);
    expect(keys(a).sort()).toEqual(keys(b).sort());
    expect(a.query.topic).toEqual(['covid-19']);
  });

  it("with a speaker, only that speaker's (or joint) statements count", async () => {
    const b = await search('q=afghanistan&speaker=plekszy&limit=50');
    expect(b.total).toBeGreaterThan(0);
    expect(b.results[0].summary.statements.length).toBeGreaterThan(0);
    for (const r of b.results) for (const s of r.summary.statements) expect(['plekszy', 'joint']).toContain(s.speaker);
    const byName = await search(`q=afghanistan&speaker=${encodeURIComponent('Kurvi Plekszy')}&limit=50`);
    expect(keys(byName)).toEqual(keys(b));
  });

  it('filters by date range, kind, publisher and country', async () => {
    const march = await search('q=afghanistan&from=2024-03-01&to=2024-03-31&limit=50');
    expect(march.results.length).toBeGreaterThan(0);
    for (const r of march.results)
      expect(r.readout.eventDate >= '2024-03-01' && r.readout.eventDate <= '2024-03-31').toBe(true);
    const calls = await search('q=afghanistan&kind=call&limit=50');
    expect(calls.results.length).toBeGreaterThan(0);
    for (const r of calls.results) expect(r.readout.kind).toBe('call');
    const pub = await search(`publisher=${encodeURIComponent('Freedonia Executive Office')}&limit=50`);
    expect(pub.total).toBeGreaterThan(0);
    for (const r of pub.results) expect(r.readout.publisher).toBe('Freedonia Executive Office');
    const country = await search('country=Genovia&limit=50');
    expect(country.total).toBeGreaterThan(0);
  });

  it('sorts by date on request', async () => {
    const b = await search('q=afghanistan&sort=date&limit=50');
    const dates = b.results.map((r: any) => r.readout.eventDate ?? r.readout.publishedDate);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('reads a question as typed: a named speaker and a period become filters, and the response says so', async () => {
    const asked = await search(`q=${encodeURIComponent('what Plekszy said about Afghanistan in 2024')}`);
    expect(asked.interpreted).toMatchObject({
      speaker: 'Plekszy',
      from: '2024-01-01',
      to: '2024-12-31',
      terms: 'Afghanistan',
    });
    const filtered = await search('q=Afghanistan&speaker=plekszy&from=2024-01-01&to=2024-12-31');
    expect(filtered.total).toBeGreaterThan(0);
    expect(keys(asked)).toEqual(keys(filtered));
    // interpret=false searches the words as typed; an explicit filter wins over an interpreted one.
    const raw = await search(`q=${encodeURIComponent('what Plekszy said about Afghanistan in 2024')}&interpret=false`);
    expect(raw.interpreted).toBeUndefined();
    // Nothing but question words: searched as typed, not turned into "everything".
    const empty = await h.api(`/search?q=${encodeURIComponent('what about?')}`);
    expect(empty.status).toBe(200);
    expect(empty.body.total).toBe((await search(`q=${encodeURIComponent('what about?')}&interpret=false`)).total);
    const overridden = await search(`q=${encodeURIComponent('what Plekszy said about Afghanistan')}&speaker=firefly`);
    expect(overridden.interpreted.speaker).toBeNull();
    expect(overridden.query.speaker).toBe('firefly');
    // A publisher named as the source is a filter too; countries are reported as a hint.
    const sourced = await search(`q=${encodeURIComponent('White House readouts on Sylvania and climate change')}`);
    expect(sourced.interpreted).toMatchObject({ publisher: 'White House' });
    expect(sourced.total).toBeGreaterThan(0);
    expect(
      sourced.results.every((r: { readout: { publisher: string } }) => r.readout.publisher === 'White House'),
    ).toBe(true);
  });

  it('"calls" in a question finds phone and video calls; "phone calls" phone calls only', async () => {
    const kindsOf = (b: { results: Array<{ readout: { kind: string } }> }) =>
      [...new Set(b.results.map((r) => r.readout.kind))].sort();
    const calls = await search(`q=${encodeURIComponent('calls about Afghanistan')}&limit=50`);
    expect(calls.interpreted).toMatchObject({ kind: 'call', kinds: ['call', 'video_call'] });
    expect(kindsOf(calls)).toEqual(['call', 'video_call']);
    const phone = await search(`q=${encodeURIComponent('phone calls about Afghanistan')}&limit=50`);
    expect(phone.interpreted).toMatchObject({ kind: 'call', kinds: ['call'] });
    expect(kindsOf(phone)).toEqual(['call']);
  });

  it('drops an interpreted speaker that leaves nothing, and says so; never an explicit one', async () => {
    // Plekszy is a speaker the index knows, but no readout has Plekszy speaking of the earthquake.
    const asked = await search(`q=${encodeURIComponent('what did Plekszy say about the earthquake')}`);
    expect(asked.interpreted).toMatchObject({ speaker: 'Plekszy', relaxed: ['speaker'] });
    expect(asked.total).toBeGreaterThan(0);
    expect(keys(asked)).toEqual(keys(await search('q=the%20earthquake')));
    // Set explicitly, the same speaker stays: an empty page.
    expect((await search('q=earthquake&speaker=plekszy')).total).toBe(0);
    // A speaker that leaves something is kept, and nothing is reported as relaxed.
    const kept = await search(`q=${encodeURIComponent('what Plekszy said about Afghanistan')}`);
    expect(kept.interpreted.relaxed).toBeUndefined();
    expect(kept.query.speaker).toBeUndefined();
  });

  it('two people named as the parties to a conversation must both take part; participant= is the same filter', async () => {
    const ids = (r: { readout: { participants: Array<{ id: string }> } }) => r.readout.participants.map((p) => p.id);
    const asked = await search(`q=${encodeURIComponent('What did Plekszy and Renaldi discuss?')}&limit=50`);
    expect(asked.interpreted).toMatchObject({ speaker: null, participants: ['Plekszy', 'Renaldi'], terms: '' });
    expect(asked.total).toBeGreaterThan(0);
    for (const r of asked.results) expect(ids(r)).toEqual(expect.arrayContaining(['plekszy', 'renaldi']));
    const explicit = await search('participant=plekszy&participant=Renaldi&limit=50');
    expect(explicit.query.participant).toEqual(['plekszy', 'Renaldi']);
    expect(keys(explicit)).toEqual(keys(asked));
    // Fewer readouts than with either of them alone: the filter is on both.
    expect(explicit.total).toBeLessThan((await search('participant=renaldi&limit=50')).total);
    // Two people who never met: the interpreted filter is dropped and said to be; an explicit one stays.
    const never = await search(`q=${encodeURIComponent('What did Plekszy and Firefly discuss about Afghanistan?')}`);
    expect(never.interpreted).toMatchObject({ participants: ['Plekszy', 'Firefly'], relaxed: ['participants'] });
    expect(keys(never)).toEqual(keys(await search('q=Afghanistan')));
    expect((await search('q=Afghanistan&participant=plekszy,firefly')).total).toBe(0);
    const many = await h.api(`/search?participant=${Array.from({ length: 11 }, (_, i) => `p${i}`).join(',')}`);
    expect(many.status).toBe(400);
    expect(many.body.error.message).toMatch(/at most 10 participants/);
    // Filters are dropped one at a time, the second party first: Plekszy on Afghanistan stays.
    const told = await search(`q=${encodeURIComponent('What did Plekszy tell Firefly about Afghanistan?')}`);
    expect(told.interpreted).toMatchObject({
      speaker: 'Plekszy',
      participants: ['Firefly'],
      relaxed: ['participants'],
    });
    expect(keys(told)).toEqual(keys(await search('q=Afghanistan&speaker=plekszy')));
  });

  it("a country in the speaker's place is whoever speaks for it; speakerCountry= is the same filter", async () => {
    // Plekszy is the one Bordurian among the samples.
    const asked = await search(`q=${encodeURIComponent('What did Borduria say about Afghanistan?')}`);
    expect(asked.interpreted).toMatchObject({ speaker: null, speakerCountry: 'Borduria', terms: 'Afghanistan' });
    const byPerson = await search('q=Afghanistan&speaker=plekszy');
    expect(byPerson.total).toBeGreaterThan(0);
    expect(keys(asked)).toEqual(keys(byPerson));
    const explicit = await search('q=Afghanistan&speakerCountry=Bordurian');
    expect(explicit.query.speakerCountry).toBe('Bordurian');
    expect(keys(explicit)).toEqual(keys(byPerson));
    const both = await h.api('/search?q=Afghanistan&speaker=plekszy&speakerCountry=Borduria');
    expect(both.status).toBe(400);
    expect(both.body.error.message).toMatch(/speaker or speakerCountry/);
    // The digest and the topic counts take it too.
    const digest = await h.api('/digest?topic=afghanistan&speakerCountry=Borduria');
    expect(digest.status).toBe(200);
    expect(digest.body.speakerCountry).toBe('Borduria');
    expect(digest.body.speakers.map((s: { speaker: string }) => s.speaker)).toEqual(['plekszy']);
    const counts = await h.api('/topics?speakerCountry=Borduria');
    expect(counts.body).toEqual((await h.api('/topics?speaker=plekszy')).body);
    expect((await h.api('/digest?topic=afghanistan&speaker=plekszy&speakerCountry=Borduria')).status).toBe(400);
  });

  it('pages with opaque, tamper-evident cursors bound to the query', async () => {
    const p1 = await search('q=afghanistan&limit=2');
    expect(p1.nextCursor).toBeTruthy();
    const p2 = await search(`q=afghanistan&limit=2&cursor=${encodeURIComponent(p1.nextCursor)}`);
    expect(p2.offset).toBe(2);
    expect(keys(p2).some((k: string) => keys(p1).includes(k))).toBe(false);
    // A later page may ask for no facets with the same cursor: the page is the same, uncounted.
    const bare = await search(`q=afghanistan&limit=2&facetSize=0&cursor=${encodeURIComponent(p1.nextCursor)}`);
    expect(keys(bare)).toEqual(keys(p2));
    expect(bare.facets.topics).toEqual({});
    const forged = p1.nextCursor.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A'));
    expect((await h.api(`/search?q=afghanistan&limit=2&cursor=${encodeURIComponent(forged)}`)).body.error.code).toBe(
      'INVALID_CURSOR',
    );
    const foreign = await h.api(`/search?q=vaccines&limit=2&cursor=${encodeURIComponent(p1.nextCursor)}`);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toMatch(/different query/);
  });
});

describe('GET /readouts/{id} counterparts and GET /compare', () => {
  it("lists the other government's account of the same call, and compares them", async () => {
    const a = (await h.api(`/readouts?key=${encodeURIComponent('readouts/fixtures/same-call-kremlin.txt')}`)).body
      .readoutId;
    const b = (await h.api(`/readouts?key=${encodeURIComponent('readouts/fixtures/same-call-whitehouse.md')}`)).body
      .readoutId;
    const full = (await h.api(`/readouts/${a}`)).body;
    expect(full.counterparts.map((c: any) => c.id)).toContain(b);
    const c = (await h.api(`/compare?a=${a}&b=${b}`)).body;
    expect(c.aligned.length).toBeGreaterThan(0);
    expect(c.aligned.some((x: any) => /grain exports/.test(x.a.text) && /grain exports/.test(x.b.text))).toBe(true);
    expect(c.onlyInB.some((x: any) => /journalists/.test(x.text))).toBe(true);
    expect(c.aligned.length + c.onlyInA.length).toBe(full.sentences.length);
    expect(c.topics.onlyInA).toContain('afghanistan');
    expect(c.sharedParticipants.sort()).toEqual(['firefly', 'muskar']);
  });
});

describe('GET /topics and GET /digest', () => {
  it('lists the vocabulary with counts, filterable by speaker and date', async () => {
    const all = (await h.api('/topics')).body;
    const afg = all.topics.find((t: any) => t.id === 'afghanistan');
    expect(afg.readouts).toBeGreaterThan(3);
    const byMuskar = (await h.api('/topics?speaker=muskar')).body.topics.find((t: any) => t.id === 'afghanistan');
    expect(byMuskar.readouts).toBeLessThan(afg.readouts);
    const none = (await h.api('/topics?from=1990-01-01&to=1990-12-31')).body.topics;
    expect(none.every((t: any) => t.readouts === 0)).toBe(true);
  });

  it('says what each speaker said on a topic over time, with citations, duplicates merged', async () => {
    const d = (await h.api('/digest?topic=afghanistan')).body;
    expect(d.readouts).toBeGreaterThan(1);
    expect(d.speakers.length).toBeGreaterThan(0);
    expect(d.speakers[0].statements.length).toBeGreaterThan(0);
    for (const sp of d.speakers) {
      const dates = sp.statements.map((s: any) => s.date);
      expect([...dates].sort()).toEqual(dates);
      for (const s of sp.statements) {
        expect(s.readoutId).toMatch(/^[0-9a-f]{16}$/);
        const full = (await h.api(`/readouts/${s.readoutId}`)).body;
        expect(full.sentences[s.sentenceIndex].text).toBe(s.text);
      }
    }
    const one = (await h.api('/digest?topic=afghanistan&speaker=plekszy')).body;
    expect(one.speakers.map((s: any) => s.speaker)).toEqual(['plekszy']);
  });
});

describe('GET /openapi.json', () => {
  it('documents every route with the parameters the validators accept', async () => {
    const doc = (await h.api('/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/search', '/readouts/{id}', '/readouts', '/topics', '/digest', '/compare', '/health', '/uploads'])
      expect(doc.paths[p]).toBeDefined();
    const params = doc.paths['/search'].get.parameters.map((p: any) => p.name).sort();
    expect(params).toEqual([
      'country',
      'cursor',
      'facetSize',
      'from',
      'interpret',
      'kind',
      'limit',
      'participant',
      'publisher',
      'q',
      'sort',
      'speaker',
      'speakerCountry',
      'to',
      'topic',
    ]);
    const limit = doc.paths['/search'].get.parameters.find((p: any) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ minimum: 1, maximum: 50 });
    const facetSize = doc.paths['/search'].get.parameters.find((p: any) => p.name === 'facetSize');
    expect(facetSize).toMatchObject({ description: expect.stringContaining('facet'), schema: { maximum: 1000 } });
  });
});

describe('POST /uploads', () => {
  const post = async (body: unknown) => {
    const r = await fetch(`${h.stack.apiUrl}/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as any };
  };

  it('returns a presigned POST that uploads straight into the ingestion path', async () => {
    const r = await post({ filename: 'my call.txt', size: 400 });
    expect(r.status).toBe(201);
    expect(r.body.key).toMatch(/^readouts\/uploads\/\d{4}-\d{2}-\d{2}\/[0-9a-f-]{36}-my-call\.txt$/);
    expect(r.body.fields['Content-Type']).toBe('text/plain');
    expect(r.body.fields.Policy).toBeTruthy();
    const policy = JSON.parse(Buffer.from(r.body.fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 5 * 1024 * 1024],
        ['eq', '$Content-Type', 'text/plain'],
      ]),
    );
    const form = new FormData();
    for (const [k, v] of Object.entries(r.body.fields)) form.append(k, v as string);
    form.append('file', new Blob([readFileSync('test/fixtures/kremlin-style-call.txt')], { type: 'text/plain' }));
    const up = await fetch(r.body.url, { method: 'POST', body: form });
    expect(up.status).toBeLessThan(300);
    await waitFor(async () => (await h.api(r.body.status)).body.status === 'indexed', 20_000, 'the presigned upload');
  });

  it.each([
    [{ filename: 'scan.pdf' }, /\.txt, \.md, \.html/],
    [{ filename: 'a.txt', size: 6 * 1024 * 1024 }, /at most 5242880 bytes/],
    [{ filename: 'a.txt', contentType: 'application/zip' }, /contentType/],
    [{}, /filename/],
    [{ filename: 'a.txt', extra: 1 }, /unknown parameter/],
    ['not json', /must be JSON/],
  ])('rejects %j', async (body, message) => {
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(message);
  });
});

describe('request validation', () => {
  it.each([
    ['/search?q=x&limit=51', /limit must be at most 50/],
    ['/search?q=x&limit=-3', /limit must be a whole number/],
    ['/search?q=x&limit=0', /limit must be at least 1/],
    ['/search?q=x&facetSize=1001', /facetSize must be at most 1000/],
    ['/search?q=x&facetSize=-1', /facetSize must be a whole number/],
    ['/search?q=x&limit=0x10', /limit must be a whole number/],
    ['/search?q=x&limit=1e1', /limit must be a whole number/],
    ['/search?q=x&limit=5&limit=6', /parameter limit is given more than once/],
    ['/search?q=x&__proto__=1', /unknown parameter\(s\): __proto__/],
    ['/search?q=%ZZ', /not valid percent-encoding/],
    ['/readouts/%ZZ', /not valid percent-encoding/],
    [`/readouts?key=${encodeURIComponent('readouts/' + '中'.repeat(700))}`, /longer than 1,024 bytes/],
    ['/readouts/0123456789abcdef?sentenceLimit=0', /sentenceLimit must be at least 1/],
    ['/search?q=x&from=2024-02-30', /calendar date/],
    ['/search?q=x&from=2024-05-01&to=2024-01-01', /from must not be after to/],
    ['/search?q=x&from=3000-01-01', /between 1900-01-01 and 2100-12-31/],
    ['/search?topic=nonsense-topic', /unknown topic "nonsense-topic"/],
    ['/search?q=x&kind=party', /kind/],
    ['/search?q=x&sort=random', /sort/],
    [`/search?q=${'a'.repeat(501)}`, /longer than 500/],
    ['/search?q=x&foo=1', /unknown parameter\(s\): foo/],
    ['/search', /give a query q or at least one filter/],
    ['/search?q=x&cursor=garbage', /cursor/],
    ['/digest', /give a topic, a speaker, or both/],
    ['/compare?a=0123456789abcdef', /b/],
    ['/compare?a=0123456789abcdef&b=0123456789abcdef', /different readouts/],
    ['/topics?kind=planet', /kind/],
  ])('%s → 400', async (path, message) => {
    const r = await h.api(path);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(message);
  });

  it.each([
    ['q=%5B%5D(%3F%3D*%2B'],
    ['q=' + encodeURIComponent('ünïcödé 中文 🙂')],
    ['q=' + encodeURIComponent('.*')],
    ['q=' + encodeURIComponent('"unterminated')],
  ])('odd but valid queries are answered, not failed: %s', async (qs) => {
    const r = await h.api(`/search?${qs}`);
    expect(r.status).toBe(200);
  });

  it('unknown readouts are 404 with a reason', async () => {
    expect((await h.api('/compare?a=0123456789abcdef&b=fedcba9876543210')).status).toBe(404);
  });
});

describe('no 500s, bounded answers (runs last: it uploads and deletes)', () => {
  const status = async (key: string) => (await h.api(`/readouts?key=${encodeURIComponent(key)}`)).body;

  it('a delete followed by a search on a word it shared with other readouts answers 200', async () => {
    // Before: flexsearch answered undefined for a term whose last live readout was removed: a 500.
    // The failing shape: the shared word lives in the base, and the deleted readout was the only
    // live (delta) readout holding it. A rebuild first moves everything into a fresh base.
    await h.stack.reindex();
    const rebuilt = (await h.api('/health')).body.indexVersion;
    const key = 'readouts/extra/deleted-soon.txt';
    await h.put(
      key,
      'Short call\n2024-03-05 10:00:00 UTC\nNA\n\nRufus Firefly spoke with Vera Marena about vaccines and zebrafinchword.',
    );
    await waitFor(async () => (await status(key)).status === 'indexed', 20_000, 'the upload to be indexed');
    expect((await search('q=zebrafinchword')).total).toBe(1);
    expect((await h.api('/health')).body.indexVersion).toBeGreaterThan(rebuilt); // published as a delta on that base
    await h.del(key);
    await waitFor(async () => (await status(key)).status === 'deleted', 20_000, 'the delete');
    await waitFor(async () => (await search('q=zebrafinchword')).total === 0, 20_000, 'the delete to reach the index');
    for (const q of ['vaccines', 'zebrafinchword', 'zebrafinchword vaccines', '"zebrafinchword"', 'zebrafinch*']) {
      expect((await h.api(`/search?q=${encodeURIComponent(q)}`)).status, q).toBe(200);
    }
  });

  it('an object outside the upload prefix says it will not be ingested', async () => {
    await h.put('elsewhere/call.txt', 'Rufus Firefly spoke with Vera Marena.');
    const r = await status('elsewhere/call.txt');
    expect(r).toMatchObject({ status: 'ignored' });
    expect(r.reason).toMatch(/only keys under readouts\/ are ingested/);
  });

  it('a 300 KB "sentence" is cut in summaries, and a long readout\'s sentences come in pages', async () => {
    const key = 'readouts/extra/huge-sentence.txt';
    const huge = `Rufus Firefly stressed ${'hippopotamusword and grain '.repeat(11_000)}exports.`;
    const many = Array.from({ length: 700 }, (_, i) => `Vera Marena noted point ${i} on grain exports.`).join(' ');
    await h.put(
      key,
      `Long call\n2024-03-06 10:00:00 UTC\nNA\n\nRufus Firefly had a telephone conversation with Prime Minister of Sylvania Vera Marena.\n\n${huge}\n\n${many}`,
    );
    await waitFor(async () => (await status(key)).status === 'indexed', 30_000, 'the long readout');
    const found = await h.api('/search?q=hippopotamusword&limit=1');
    expect(found.status).toBe(200);
    const statement = found.body.results[0].summary.statements[0];
    expect(statement.text.length).toBeLessThanOrEqual(1001);
    expect(statement.truncated).toBe(true);
    expect(statement.end - statement.start).toBeGreaterThan(290_000); // the offsets still cover the whole sentence
    expect(JSON.stringify(found.body).length).toBeLessThan(50_000);
    const id = (await status(key)).readoutId;
    const first = (await h.api(`/readouts/${id}`)).body;
    expect(first.sentenceCount).toBeGreaterThan(700);
    expect(first.sentences).toHaveLength(500);
    const second = (await h.api(`/readouts/${id}?sentenceOffset=${first.nextSentenceOffset}`)).body;
    expect(second.sentences[0].index).toBe(500);
    expect(second.nextSentenceOffset).toBeUndefined();
    expect(first.sentences.length + second.sentences.length).toBe(first.sentenceCount);
  });
});

describe('S3 object metadata (runs last: it uploads)', () => {
  it('publisher, published and source-url set on upload are honoured, and the record says where the date came from', async () => {
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    const key = 'readouts/extra/with-metadata.txt';
    await h.s3.send(
      new PutObjectCommand({
        Bucket: h.stack.inboxBucket,
        Key: key,
        Body: 'The Prime Minister spoke to President Dilbert Mudd of Elbonia about grain.',
        Metadata: {
          publisher: "Prime Minister's Office (UK)",
          published: '2022-05-01',
          'source-url': 'https://www.gov.uk/government/news/pm-call',
        },
      }),
    );
    await waitFor(
      async () => (await h.api(`/readouts?key=${encodeURIComponent(key)}`)).body.status === 'indexed',
      20_000,
      'the upload',
    );
    const id = (await h.api(`/readouts?key=${encodeURIComponent(key)}`)).body.readoutId;
    const r = (await h.api(`/readouts/${id}`)).body;
    expect(r).toMatchObject({
      publisher: "Prime Minister's Office (UK)",
      publishedDate: '2022-05-01',
      publishedDateSource: 'metadata',
    });
    expect(r.participants.map((p: any) => p.id).sort()).toEqual(['johnson', 'mudd']); // the principal on that date
    // Without metadata and without any date in the text, the upload date.
    const bare = 'readouts/extra/no-date.txt';
    await h.put(bare, 'President Dilbert Mudd of Elbonia spoke with Prime Minister Vera Marena about grain.');
    await waitFor(
      async () => (await h.api(`/readouts?key=${encodeURIComponent(bare)}`)).body.status === 'indexed',
      20_000,
      'the upload',
    );
    const r2 = (await h.api(`/readouts/${(await h.api(`/readouts?key=${encodeURIComponent(bare)}`)).body.readoutId}`))
      .body;
    expect(r2.publishedDateSource).toBe('upload');
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10); // an upload just before midnight UTC
    expect([today, yesterday]).toContain(r2.publishedDate);
  });
});

describe('responses match the OpenAPI document (runs last: it reads what the tests above uploaded)', () => {
  it('the document is valid OpenAPI 3.1, and every route answers as it documents, nothing more', async () => {
    const doc = (await h.api('/openapi.json')).body;
    const checked = await new OpenApiValidator().validate(doc);
    expect(checked.valid, JSON.stringify(checked.errors)).toBe(true);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const seen = new Set<string>();
    const conforms = (route: string, method: string, status: number, body: unknown) => {
      const schema = doc.paths[route][method].responses[status]?.content['application/json'].schema;
      expect(schema, `${method} ${route} documents ${status}`).toBeDefined();
      expect(JSON.stringify(schema), 'additional properties are refused').toContain('"additionalProperties":false');
      const validate = ajv.compile(schema);
      expect(validate(body), `${method} ${route} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      seen.add(`${method} ${route}`);
    };
    const get = async (route: string, path: string, expected = 200) => {
      const r = await h.api(path);
      expect(r.status, path).toBe(expected);
      conforms(route, 'get', r.status, r.body);
      return r.body;
    };
    const statusOf = (key: string) => get('/readouts', `/readouts?key=${encodeURIComponent(key)}`);

    await get('/health', '/health');
    const found = await get('/search', '/search?q=afghanistan&limit=50');
    expect(found.results.length).toBeGreaterThan(1);
    await get('/search', `/search?q=${encodeURIComponent('what did Plekszy say about Afghanistan in 2024')}`);
    await get('/search', '/search?q=afghanistn&topic=covid&sort=date');
    await get('/search', '/search?q=hippopotamusword'); // truncated statements
    const firstPage = await get('/search', '/search?q=afghanistan&limit=2');
    await get('/search', `/search?q=afghanistan&limit=2&cursor=${encodeURIComponent(firstPage.nextCursor)}`);
    const id = found.results[0].readout.id;
    await get('/readouts/{id}', `/readouts/${id}`);
    await get('/readouts/{id}', `/readouts/${id}?sentenceOffset=1&sentenceLimit=1`);
    const long = await statusOf('readouts/extra/huge-sentence.txt');
    await get('/readouts/{id}', `/readouts/${long.readoutId}`); // truncated text and sentences
    expect((await statusOf('readouts/fixtures/same-call-kremlin.txt')).status).toBe('indexed');
    expect((await statusOf('readouts/extra/deleted-soon.txt')).status).toBe('deleted');
    expect((await statusOf('elsewhere/call.txt')).status).toBe('ignored');
    await h.put('readouts/extra/junk.txt', Buffer.from([0, 1, 2, 255, 254, 0, 0, 7]));
    await waitFor(
      async () => (await statusOf('readouts/extra/junk.txt')).status === 'rejected',
      20_000,
      'the rejection',
    );
    await get('/topics', '/topics');
    await get('/digest', '/digest?topic=afghanistan');
    const a = (await statusOf('readouts/fixtures/same-call-kremlin.txt')).readoutId;
    const b = (await statusOf('readouts/fixtures/same-call-whitehouse.md')).readoutId;
    await get('/compare', `/compare?a=${a}&b=${b}`);
    // Errors, in the documented shape.
    await get('/search', '/search', 400);
    await get('/readouts/{id}', '/readouts/0123456789abcdef', 404);
    const post = async (body: unknown, expected: number) => {
      const r = await fetch(`${h.stack.apiUrl}/uploads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(r.status).toBe(expected);
      conforms('/uploads', 'post', r.status, await r.json());
    };
    await post({ filename: 'call.txt', size: 400 }, 201);
    await post({ filename: 'call.exe' }, 400);
    // Every documented operation was exercised (the document itself is fetched above).
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops as object).map((m) => `${m} ${p}`),
    );
    expect(documented.filter((op) => op !== 'get /openapi.json' && !seen.has(op))).toEqual([]);
  });
});
