/** `npm run upload -- <files or folders> [--prefix readouts/] [--aws --bucket NAME]` */
import { localEnv } from './env.ts';
import { collectFiles, s3For, uploadFiles } from './upload-files.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const aws = args.includes('--aws') ? (args.splice(args.indexOf('--aws'), 1), true) : false;
const bucket = flag('--bucket') ?? (aws ? process.env.INBOX_BUCKET : localEnv.inboxBucket);
const prefix = flag('--prefix') ?? 'readouts/';
if (!args.length || !bucket) {
  console.error('usage: npm run upload -- <files or folders> [--prefix readouts/] [--aws --bucket NAME]');
  process.exit(2);
}
const files = collectFiles(args);
const { uploaded } = await uploadFiles(s3For(aws ? null : localEnv.s3Endpoint), bucket, prefix, files);
for (const k of uploaded) console.log(`uploaded s3://${bucket}/${k}`);
console.log(
  `${uploaded.length} file(s) uploaded; check one with: curl '${localEnv.apiUrl}/readouts?key=${encodeURIComponent(uploaded[0] ?? '')}'`,
);
