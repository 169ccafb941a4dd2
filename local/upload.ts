/** `npm run upload -- <files or folders> [--prefix readouts/] [--aws --bucket NAME]` */
import { parseArgs } from 'node:util';
import { localEnv } from './env.ts';
import { collectFiles, s3For, uploadFiles } from './upload-files.ts';

const USAGE = 'usage: npm run upload -- <files or folders> [--prefix readouts/] [--aws --bucket NAME]';
let parsed: { values: { aws?: boolean; bucket?: string; prefix?: string; help?: boolean }; positionals: string[] };
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      aws: { type: 'boolean' },
      bucket: { type: 'string' },
      prefix: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (e) {
  console.error(`${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (parsed.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const args = parsed.positionals;
const aws = !!parsed.values.aws;
const bucket = parsed.values.bucket ?? (aws ? process.env.INBOX_BUCKET : localEnv.inboxBucket);
const prefix = parsed.values.prefix ?? 'readouts/';
if (!args.length || !bucket) {
  console.error(USAGE);
  process.exit(2);
}
const files = collectFiles(args);
const { uploaded } = await uploadFiles(s3For(aws ? null : localEnv.s3Endpoint), bucket, prefix, files);
for (const k of uploaded) console.log(`uploaded s3://${bucket}/${k}`);
console.log(
  `${uploaded.length} file(s) uploaded; check one with: curl '${localEnv.apiUrl}/readouts?key=${encodeURIComponent(uploaded[0] ?? '')}'`,
);
