/** Local runtime settings from the environment (documented in the README's Configuration table). */
const int = (name: string, dflt: number) => {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got "${v}"`);
  return n;
};

export const localEnv = {
  host: process.env.READOUT_HOST ?? '127.0.0.1',
  apiPort: int('READOUT_API_PORT', 3000),
  s3Port: int('READOUT_S3_PORT', 4569),
  dynamoPort: int('READOUT_DYNAMODB_PORT', 8000),
  dataDir: process.env.READOUT_DATA_DIR ?? '.data',
  inboxBucket: process.env.READOUT_INBOX_BUCKET ?? 'readout-inbox',
  indexBucket: process.env.READOUT_INDEX_BUCKET ?? 'readout-index',
  tableName: process.env.READOUT_TABLE ?? 'readouts',
  samplesDir: process.env.READOUT_SAMPLES_DIR ?? 'samples',
  get s3Endpoint() {
    return process.env.READOUT_S3_ENDPOINT ?? `http://${this.host}:${this.s3Port}`;
  },
  get apiUrl() {
    return process.env.READOUT_API_URL ?? `http://${this.host}:${this.apiPort}`;
  },
};
