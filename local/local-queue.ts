/**
 * SQS semantics for the local runtime: batches (size + batching window), visibility timeout,
 * partial batch failures, redelivery after a delay, dead-letter after `maxReceiveCount` receives.
 */
import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

interface Message {
  messageId: string;
  body: string;
  receiveCount: number;
  visibleAt: number;
  sentAt: number;
  lastError?: string;
}
export interface DeadLetter {
  messageId: string;
  body: string;
  receiveCount: number;
  reason: string;
  parkedAt: string;
}

export interface LocalQueueOptions {
  name: string;
  consumer: (event: SQSEvent) => Promise<SQSBatchResponse | void>;
  /** @default 10 */ batchSize?: number;
  /** @default 100 ms */ batchWindowMs?: number;
  /** @default 3 */ maxReceiveCount?: number;
  /** Delay before a failed message is visible again. @default 500 ms */ retryDelayMs?: number;
  /** @default 50 ms */ pollMs?: number;
  onDeadLetter?: (d: DeadLetter) => void;
}

export class LocalQueue {
  private readonly messages = new Map<string, Message>();
  readonly deadLetters: DeadLetter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly o: Required<Omit<LocalQueueOptions, 'onDeadLetter'>> & Pick<LocalQueueOptions, 'onDeadLetter'>;

  constructor(options: LocalQueueOptions) {
    this.o = { batchSize: 10, batchWindowMs: 100, maxReceiveCount: 3, retryDelayMs: 500, pollMs: 50, ...options };
  }

  send(body: string, delayMs = 0): string {
    const messageId = randomUUID();
    this.messages.set(messageId, {
      messageId,
      body,
      receiveCount: 0,
      visibleAt: Date.now() + delayMs,
      sentAt: Date.now(),
    });
    return messageId;
  }

  get depth(): number {
    return this.messages.size;
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.poll().finally(() => {
        this.running = null;
        if (!this.stopped) this.timer = setTimeout(tick, this.o.pollMs);
      });
    };
    this.timer = setTimeout(tick, this.o.pollMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Resolves when every message has been consumed or dead-lettered. */
  async drain(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.messages.size > 0 || this.running) {
      if (Date.now() > until)
        throw new Error(`queue ${this.o.name} not drained after ${timeoutMs} ms (${this.messages.size} left)`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async poll(): Promise<void> {
    const now = Date.now();
    const visible = [...this.messages.values()].filter((m) => m.visibleAt <= now);
    if (!visible.length) return;
    // Batching window: wait for a full batch or for the oldest message to be `batchWindowMs` old.
    if (
      visible.length < this.o.batchSize &&
      now - Math.min(...visible.map((m) => Math.max(m.sentAt, m.visibleAt))) < this.o.batchWindowMs
    )
      return;
    const batch = visible.slice(0, this.o.batchSize);
    for (const m of batch) {
      m.receiveCount++;
      m.visibleAt = Number.POSITIVE_INFINITY;
    }
    const records: SQSRecord[] = batch.map((m) => ({
      messageId: m.messageId,
      receiptHandle: m.messageId,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentAt),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(now),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${this.o.name}`,
      awsRegion: 'us-east-1',
    }));
    let failed: Set<string>;
    let reason = 'reported as failed by the handler (batchItemFailures)';
    try {
      const res = await this.o.consumer({ Records: records });
      failed = new Set((res?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (e) {
      failed = new Set(batch.map((m) => m.messageId));
      reason = `handler threw: ${(e as Error).message}`;
    }
    for (const m of batch) {
      if (!failed.has(m.messageId)) {
        this.messages.delete(m.messageId);
        continue;
      }
      m.lastError = reason;
      if (m.receiveCount >= this.o.maxReceiveCount) {
        this.messages.delete(m.messageId);
        const d: DeadLetter = {
          messageId: m.messageId,
          body: m.body,
          receiveCount: m.receiveCount,
          reason,
          parkedAt: new Date().toISOString(),
        };
        this.deadLetters.push(d);
        this.o.onDeadLetter?.(d);
      } else {
        m.visibleAt = Date.now() + this.o.retryDelayMs;
      }
    }
  }
}
