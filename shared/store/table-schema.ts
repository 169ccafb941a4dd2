/** The table's key schema, shared by the CDK stack and the local runtime so both build the same table. */
export const TABLE_KEY = { partitionKey: 'pk', sortKey: 'sk' } as const;
/** Stream records the index function consumes: readout META items only (also the Lambda filter). */
export const INDEX_STREAM_FILTER = { pkPrefix: 'READOUT#', sk: 'META' } as const;
