/**
 * `npx readouts <command>`: talk to the local API (default) or a deployed one (--api URL; --aws signs
 * requests with your AWS credentials for the IAM-authorised API).
 *
 *   readouts search <words...> [--topic t] [--speaker s] [--from d] [--to d] [--kind k] [--publisher p] [--sort date] [--limit n] [--json]
 *   readouts get <readout id | S3 key>            readouts topics [--speaker s]
 *   readouts digest --topic t [--speaker s]        readouts compare <id-a> <id-b>
 *   readouts upload <files or folders> [--bucket b] [--prefix readouts/]
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SignatureV4 } from '@smithy/signature-v4';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { localEnv } from './env.ts';
import { collectFiles, s3For, uploadFiles } from './upload-files.ts';

const USAGE = `usage:
  readouts search <words or a question...> [--topic t] [--speaker s | --speaker-country c] [--participant p,q]
                  [--from d] [--to d] [--kind k] [--publisher p] [--country c] [--sort date|relevance] [--limit n] [--cursor c] [--no-interpret] [--json]
  readouts get <readout id | S3 key>
  readouts topics [--speaker s | --speaker-country c] [--from d] [--to d]
  readouts digest --topic t [--speaker s | --speaker-country c] [--from d] [--to d] [--limit n]
  readouts compare <id-a> <id-b>
  readouts upload <files or folders> [--bucket b] [--prefix readouts/]
common: --api URL (default: the local stack), --aws (sign requests with your AWS credentials), --help`;

// node:util parseArgs: --x=y and --x y, and unknown flags are errors that name themselves.
const text = { type: 'string' } as const;
let parsed: ReturnType<typeof parseCommandLine>;
function parseCommandLine() {
  return parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      api: text,
      aws: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      topic: text,
      speaker: text,
      'speaker-country': text,
      participant: text,
      from: text,
      to: text,
      kind: text,
      publisher: text,
      country: text,
      sort: text,
      limit: text,
      cursor: text,
      'no-interpret': { type: 'boolean' },
      bucket: text,
      prefix: text,
    },
  });
}
try {
  parsed = parseCommandLine();
} catch (e) {
  console.error(`${(e as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
const flags = parsed.values;
const positional = [...parsed.positionals];
const command = positional.shift();
if (flags.help || !command) {
  console.log(USAGE);
  process.exit(flags.help ? 0 : 2);
}
const api = String(flags.api ?? process.env.READOUT_API_URL ?? localEnv.apiUrl).replace(/\/$/, '');

class Sha256 {
  private readonly h = createHash('sha256');
  constructor(secret?: unknown) {
    if (secret) throw new Error('HMAC not needed for SigV4 payload hashing');
  }
  update(data: string | Uint8Array) {
    this.h.update(data);
  }
  async digest() {
    return new Uint8Array(this.h.digest());
  }
}

async function get(path: string, params: Record<string, string | undefined> = {}): Promise<any> {
  const url = new URL(`${api}${path}`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  let headers: Record<string, string> = {};
  if (flags.aws) {
    const region =
      process.env.AWS_REGION ??
      process.env.AWS_DEFAULT_REGION ??
      /execute-api\.([a-z0-9-]+)\./.exec(url.host)?.[1] ??
      'us-east-1';
    const signer = new SignatureV4({
      service: 'execute-api',
      region,
      credentials: defaultProvider(),
      sha256: Sha256 as never,
    });
    const query: Record<string, string> = Object.fromEntries(url.searchParams);
    const signed = await signer.sign({
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      path: url.pathname,
      query,
      headers: { host: url.host },
    });
    headers = signed.headers as Record<string, string>;
  }
  const res = await fetch(url, { headers });
  const body: any = await res.json().catch(() => ({ error: { code: 'BAD_RESPONSE', message: `HTTP ${res.status}` } }));
  if (!res.ok) {
    console.error(`error ${res.status}: ${body.error?.message ?? JSON.stringify(body)}`);
    process.exit(1);
  }
  return body;
}

const str = (k: keyof typeof flags) => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined);
const print = (body: unknown) => console.log(JSON.stringify(body, null, 2));

switch (command) {
  case 'search': {
    const body = await get('/search', {
      q: positional.join(' ') || undefined,
      topic: str('topic'),
      speaker: str('speaker'),
      speakerCountry: str('speaker-country'),
      participant: str('participant'),
      from: str('from'),
      to: str('to'),
      kind: str('kind'),
      publisher: str('publisher'),
      country: str('country'),
      sort: str('sort'),
      limit: str('limit'),
      cursor: str('cursor'),
      interpret: flags['no-interpret'] ? 'false' : undefined,
      // The listing shows no facets: none are counted (--json prints them).
      facetSize: flags.json ? undefined : '0',
    });
    if (flags.json) {
      print(body);
      break;
    }
    const i = body.interpreted;
    if (i && (i.speaker || i.speakerCountry || i.participants?.length || i.from || i.to || i.kind || i.publisher)) {
      const read = [
        i.speaker && `speaker ${i.speaker}`,
        i.speakerCountry && `speaker anyone speaking for ${i.speakerCountry}`,
        i.participants?.length && `participants ${i.participants.join(' and ')}`,
        (i.from || i.to) && `${i.from ?? '…'} to ${i.to ?? '…'}`,
        i.kind && `kind ${(i.kinds?.length ? i.kinds : [i.kind]).join(' or ')}`,
        i.publisher && `publisher ${i.publisher}`,
      ];
      console.log(
        `read as: ${i.terms ? `"${i.terms}" with ` : ''}${read.filter(Boolean).join(', ')}  (--no-interpret to search the words as typed)`,
      );
      if (i.relaxed?.length)
        console.log(`nothing matched with the ${i.relaxed.join(' and ')} read from the question: dropped`);
    }
    const related = Object.entries((body.query?.related ?? {}) as Record<string, string[]>);
    if (related.length)
      console.log(`also searched (lower weight): ${related.map(([w, r]) => `${w} → ${r.join(', ')}`).join('; ')}`);
    console.log(`${body.total} readouts (${body.tookMs} ms)\n`);
    for (const r of body.results) {
      const m = r.readout;
      console.log(
        `${m.eventDate ?? m.publishedDate ?? '????-??-??'}  ${m.title ?? '(untitled)'}  [${m.publisher ?? 'unknown publisher'}, ${m.kind}]  id ${m.id}  score ${r.score}`,
      );
      for (const s of r.summary.statements.slice(0, 4))
        console.log(
          `    ${(s.speakerName ?? 'narration').padEnd(22).slice(0, 22)} #${s.sentenceIndex}: ${s.text.length > 160 ? `${s.text.slice(0, 157)}...` : s.text}`,
        );
      console.log('');
    }
    if (body.nextCursor) console.log(`more: readouts search ${positional.join(' ')} --cursor ${body.nextCursor}`);
    break;
  }
  case 'get': {
    const ref = positional[0];
    if (!ref) {
      console.error('usage: readouts get <readout id | S3 key>');
      process.exit(2);
    }
    print(/^[0-9a-f]{16}$/.test(ref) ? await get(`/readouts/${ref}`) : await get('/readouts', { key: ref }));
    break;
  }
  case 'topics':
    print(
      await get('/topics', {
        speaker: str('speaker'),
        speakerCountry: str('speaker-country'),
        from: str('from'),
        to: str('to'),
      }),
    );
    break;
  case 'digest':
    print(
      await get('/digest', {
        topic: str('topic'),
        speaker: str('speaker'),
        speakerCountry: str('speaker-country'),
        from: str('from'),
        to: str('to'),
        limit: str('limit'),
      }),
    );
    break;
  case 'compare':
    print(await get('/compare', { a: positional[0], b: positional[1] }));
    break;
  case 'upload': {
    if (!positional.length) {
      console.error('usage: readouts upload <files or folders> [--bucket b] [--prefix readouts/]');
      process.exit(2);
    }
    const bucket = str('bucket') ?? (flags.aws ? process.env.INBOX_BUCKET : localEnv.inboxBucket);
    if (!bucket) {
      console.error('--bucket is required with --aws');
      process.exit(2);
    }
    const { uploaded } = await uploadFiles(
      s3For(flags.aws ? null : localEnv.s3Endpoint),
      bucket,
      str('prefix') ?? 'readouts/',
      collectFiles(positional),
    );
    for (const k of uploaded) console.log(`uploaded s3://${bucket}/${k}`);
    break;
  }
  default:
    console.error('usage: readouts <search|get|topics|digest|compare|upload> ... (see local/cli.ts)');
    process.exit(2);
}
