/** `npm start`: the whole product locally, sample readouts loaded. `npm start -- --fresh` starts empty. */
import { existsSync } from 'node:fs';
import { localEnv } from './env.ts';
import { parseFlags } from './flags.ts';
import { startLocalStack } from './runtime.ts';
import { collectFiles, s3For, uploadFiles } from './upload-files.ts';
import { DEFAULTS } from '../shared/defaults.ts';

const { fresh, 'no-samples': noSamples } = parseFlags(
  'usage: npm start [-- --fresh] [-- --no-samples]\n  --fresh       start with empty storage\n  --no-samples  do not load the sample readouts',
  ['fresh', 'no-samples'],
);
const log = (line: string) => console.log(`[local] ${line}`);

const restarted = !fresh && existsSync(localEnv.dataDir);
const stack = await startLocalStack({
  host: localEnv.host,
  apiPort: localEnv.apiPort,
  s3Port: localEnv.s3Port,
  dynamoPort: localEnv.dynamoPort,
  dataDir: localEnv.dataDir,
  fresh,
  inboxBucket: localEnv.inboxBucket,
  indexBucket: localEnv.indexBucket,
  tableName: localEnv.tableName,
  log,
  // As on AWS: reconcile on a schedule and whenever an index batch is given up.
  reconcile: { everyMs: DEFAULTS.reconcile.everyMinutes * 60_000, onFailedBatch: true },
  // After a restart the stream is not replayed from its beginning: the reconcile below catches up.
  streamStartAt: restarted ? 'LATEST' : 'TRIM_HORIZON',
});

// Anything uploaded, changed or left half-done while the stack was down is repaired now.
const caught = (await stack.reconcile()) as { notIngested: number; orphaned: number; indexDrift: number } | undefined;
if (caught && (caught.notIngested || caught.orphaned || caught.indexDrift)) {
  log(
    `caught up: ${caught.notIngested} object(s) ingested, ${caught.orphaned} orphan(s) removed, ${caught.indexDrift} index entr(ies) repaired`,
  );
}

if (!noSamples && existsSync(localEnv.samplesDir)) {
  const { uploaded, unchanged } = await uploadFiles(
    s3For(stack.s3Endpoint),
    stack.inboxBucket,
    `${stack.prefix}samples/`,
    collectFiles([localEnv.samplesDir]),
    true,
  );
  log(`samples: ${uploaded.length} uploaded, ${unchanged.length} already present`);
}

console.log(`
Readout Search is running locally.
  API          ${stack.apiUrl}          try: curl '${stack.apiUrl}/search?q=vaccines'
  S3 endpoint  ${stack.s3Endpoint}
  Bucket       ${stack.inboxBucket} (uploads under ${stack.prefix} are ingested)
  Upload       npm run upload -- my-readout.txt
               AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_DEFAULT_REGION=us-east-1 \\
                 aws s3 cp my-readout.txt s3://${stack.inboxBucket}/${stack.prefix} --endpoint-url ${stack.s3Endpoint}
  Data         ${localEnv.dataDir}/ (npm start -- --fresh to start empty)
Press Ctrl+C to stop.`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  log('stopping...');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
