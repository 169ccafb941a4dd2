/** Runtime configuration from the environment (set by the CDK stack, or by the local runtime). */
import { DEFAULTS } from './defaults.ts';

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`missing environment variable ${name}`);
  return v;
}
const num = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]) : dflt);

export const config = {
  get tableName() {
    return required('TABLE_NAME');
  },
  get inboxBucket() {
    return required('INBOX_BUCKET');
  },
  get indexBucket() {
    return required('INDEX_BUCKET');
  },
  /** Uploads bigger than this are rejected before their body is read. @default DEFAULTS.maxObjectBytes (5 MiB) */
  get maxObjectBytes() {
    return num('MAX_OBJECT_BYTES', DEFAULTS.maxObjectBytes);
  },
  /** Where uploads are ingested from. @default DEFAULTS.uploadPrefix ('readouts/') */
  get uploadPrefix() {
    return process.env.UPLOAD_PREFIX ?? DEFAULTS.uploadPrefix;
  },
  /** How often the search function checks for a newer index version. @default DEFAULTS.search.indexPollMs (2 s) */
  get indexPollMs() {
    return num('INDEX_POLL_MS', DEFAULTS.search.indexPollMs);
  },
  /** Parse time one upload may take before it is rejected. @default DEFAULTS.ingest.parseBudgetMs (4 s) */
  get parseBudgetMs() {
    return num('PARSE_BUDGET_MS', DEFAULTS.ingest.parseBudgetMs);
  },
};
