/** Runtime configuration from the environment (set by the CDK stack, or by the local runtime). */
function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`missing environment variable ${name}`);
  return v;
}
const num = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]) : dflt);

export const config = {
  get tableName() { return required('TABLE_NAME'); },
  get inboxBucket() { return required('INBOX_BUCKET'); },
  get indexBucket() { return required('INDEX_BUCKET'); },
  /** Uploads bigger than this are rejected before their body is read. @default 5 MiB */
  get maxObjectBytes() { return num('MAX_OBJECT_BYTES', 5 * 1024 * 1024); },
  /** Where uploads are ingested from. @default 'readouts/' */
  get uploadPrefix() { return process.env.UPLOAD_PREFIX ?? 'readouts/'; },
  /** How often the search function checks for a newer index version. @default 2000 ms */
  get indexPollMs() { return num('INDEX_POLL_MS', 2000); },
};
