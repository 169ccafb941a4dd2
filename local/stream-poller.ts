/**
 * DynamoDB Local's stream → the index function, with Lambda's event source mapping semantics:
 * batches in shard order, the same filter as the stack's FilterCriteria, a failed batch retried
 * (blocking its shard) with backoff until it succeeds or `maxRetries` is reached.
 */
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { INDEX_STREAM_FILTER } from '../shared/store/table-schema.ts';

export interface StreamPollerOptions {
  endpoint: string;
  streamArn: string;
  consumer: (event: DynamoDBStreamEvent) => Promise<unknown>;
  /** @default 100 */ batchSize?: number;
  /** @default 100 ms */ pollMs?: number;
  /** @default 10 */ maxRetries?: number;
  onError?: (e: Error, attempt: number) => void;
  /** A batch was given up after `maxRetries` (Lambda then sends it to the on-failure destination). */
  onGiveUp?: (records: number) => void;
  /**
   * Where to start reading the shards that exist when the poller starts: 'TRIM_HORIZON' replays
   * everything the stream still holds; 'LATEST' (after a restart, when the start-up reconcile
   * catches up whatever changed meanwhile) skips the replay. Shards found later always start at
   * their beginning. @default 'TRIM_HORIZON'
   */
  startAt?: 'TRIM_HORIZON' | 'LATEST';
}

export class StreamPoller {
  private readonly client: DynamoDBStreamsClient;
  private readonly iterators = new Map<string, string | null>();
  private stopped = false;
  private loop: Promise<void> | null = null;
  private lastDescribe = 0;
  /** Records handed to the consumer so far (for tests and idle detection). */
  delivered = 0;
  private busy = false;

  constructor(private readonly o: StreamPollerOptions) {
    this.client = new DynamoDBStreamsClient({
      endpoint: o.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  }

  start(): void {
    this.loop = this.run();
  }
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    this.client.destroy();
  }
  get idle(): boolean {
    return !this.busy;
  }

  private async discoverShards(): Promise<void> {
    let last: string | undefined;
    do {
      const d = await this.client.send(
        new DescribeStreamCommand({ StreamArn: this.o.streamArn, ExclusiveStartShardId: last }),
      );
      for (const s of d.StreamDescription?.Shards ?? []) {
        if (!s.ShardId || this.iterators.has(s.ShardId)) continue;
        const type =
          this.lastDescribe === 0 && s.SequenceNumberRange?.EndingSequenceNumber === undefined
            ? (this.o.startAt ?? 'TRIM_HORIZON')
            : 'TRIM_HORIZON';
        const it = await this.client.send(
          new GetShardIteratorCommand({ StreamArn: this.o.streamArn, ShardId: s.ShardId, ShardIteratorType: type }),
        );
        this.iterators.set(s.ShardId, it.ShardIterator ?? null);
      }
      last = d.StreamDescription?.LastEvaluatedShardId;
    } while (last);
    this.lastDescribe = Date.now();
  }

  private async run(): Promise<void> {
    const pollMs = this.o.pollMs ?? 100;
    while (!this.stopped) {
      try {
        if (Date.now() - this.lastDescribe > 1000) await this.discoverShards();
        let got = false;
        for (const [shard, iterator] of this.iterators) {
          if (!iterator || this.stopped) continue;
          this.busy = true;
          const r = await this.client.send(
            new GetRecordsCommand({ ShardIterator: iterator, Limit: this.o.batchSize ?? 100 }),
          );
          const records = (r.Records ?? []).filter(matchesFilter).map(toLambdaRecord(this.o.streamArn));
          if (records.length) {
            got = true;
            await this.deliver(records);
          }
          this.iterators.set(shard, r.NextShardIterator ?? null);
          this.busy = false;
        }
        if (!got) await sleep(pollMs);
      } catch (e) {
        this.busy = false;
        if (this.stopped) break;
        this.o.onError?.(e as Error, 0);
        await sleep(500);
      }
    }
  }

  private async deliver(records: DynamoDBRecord[]): Promise<void> {
    const max = this.o.maxRetries ?? 10;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.o.consumer({ Records: records });
        this.delivered += records.length;
        return;
      } catch (e) {
        this.o.onError?.(e as Error, attempt);
        if (attempt >= max || this.stopped) {
          // Like an exhausted retry policy: the batch is skipped and reported (reconcile repairs it).
          if (!this.stopped) this.o.onGiveUp?.(records.length);
          return;
        }
        await sleep(Math.min(2000, 100 * 2 ** attempt));
      }
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function matchesFilter(r: _Record): boolean {
  const keys = r.dynamodb?.Keys;
  return !!keys?.pk?.S?.startsWith(INDEX_STREAM_FILTER.pkPrefix) && keys?.sk?.S === INDEX_STREAM_FILTER.sk;
}

const toLambdaRecord =
  (arn: string) =>
  (r: _Record): DynamoDBRecord => ({
    eventID: r.eventID,
    eventName: r.eventName as DynamoDBRecord['eventName'],
    eventVersion: r.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: r.awsRegion ?? 'us-east-1',
    eventSourceARN: arn,
    dynamodb: {
      ...(r.dynamodb as unknown as DynamoDBRecord['dynamodb']),
      ApproximateCreationDateTime: r.dynamodb?.ApproximateCreationDateTime
        ? r.dynamodb.ApproximateCreationDateTime.getTime() / 1000
        : Date.now() / 1000,
    },
  });
