/**
 * Operational defaults in one place (as AWS Solutions Constructs keeps them): the CDK constructs
 * use them as their `@default`s and the runtime configuration (shared/config.ts) falls back to them,
 * so the deployed stack, the local stack and the code agree. Pure data: no AWS imports.
 */
export const DEFAULTS = {
  /** Uploads bigger than this are rejected before their body is read. */
  maxObjectBytes: 5 * 1024 * 1024,
  /** Key prefix whose uploads are ingested. */
  uploadPrefix: 'readouts/',
  retention: {
    /** Replaced and deleted versions of uploads stay this long (for recovery), then expire. */
    inboxNoncurrentVersionDays: 90,
    /** Server access logs are kept this long. */
    accessLogDays: 365,
    /** Incomplete multipart uploads are aborted after this long. */
    incompleteUploadDays: 7,
  },
  alarms: {
    /** Index stream records older than this mean indexing has stalled. */
    maxIteratorAgeMinutes: 5,
    /** Dead letters older than this are about to be forgotten (queues keep them 14 days). */
    maxDeadLetterAgeDays: 3,
  },
  ingest: {
    /** SQS messages per ingest invocation. */
    batchSize: 10,
    /** The ingest function's timeout. */
    timeoutSeconds: 60,
    memoryMb: 1024,
    /** Receives before a message is parked in the dead-letter queue. */
    maxReceiveCount: 3,
    /**
     * Parse time one upload may take before it is rejected (TOO_COMPLEX). Every pattern in the
     * parser is linear, so this is a backstop: a whole batch (batchSize × budget) still fits well
     * inside the function's timeout, so one hostile upload cannot fail the other nine.
     */
    parseBudgetMs: 4_000,
  },
  index: {
    /** Stream records per index invocation. */
    batchSize: 100,
    memoryMb: 2048,
    timeoutMinutes: 5,
  },
  reconcile: {
    /** How often drift is looked for and repaired (it also runs whenever an index batch is given up). */
    everyMinutes: 30,
    /** It holds the whole index in memory, as the reindex function does. */
    memoryMb: 3008,
    timeoutMinutes: 15,
  },
  search: {
    memoryMb: 1769,
    timeoutSeconds: 29,
    /** How often the search function checks for a newer index version. */
    indexPollMs: 2_000,
    /**
     * Concurrent executions reserved for search, and its ceiling: expensive requests cannot take
     * the account's whole concurrency from ingestion and indexing.
     */
    reservedConcurrency: 50,
  },
  /**
   * Response sizes. Lambda returns at most 6 MB, and one pathological "sentence" of 2 MB cited
   * twice would exceed it.
   */
  response: {
    /** Characters of one sentence shown in summaries, digests, comparisons and record pages. */
    statementChars: 1_000,
    /** Characters of a record's whole `text` in GET /readouts/{id}. */
    recordTextChars: 1_000_000,
    /** Sentences per page of GET /readouts/{id} by default, and at most. */
    sentencePage: 500,
    maxSentencePage: 2_000,
    /** Serialised response bytes: under Lambda's 6 MB with room for headers. */
    bytes: 5_000_000,
  },
} as const;
