/**
 * Typed errors of the storage adapters, recognised by class (`instanceof`), never by message text.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** A parsed readout that does not fit in the table even compressed: the upload is rejected. */
export class RecordTooLargeError extends Error {
  override readonly name = 'RecordTooLargeError';
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`record too large: ${bytes} bytes compressed`);
  }
}

/** Concurrent writers kept beating this one to a key: the event is retried by its queue. */
export class WriteContentionError extends Error {
  override readonly name = 'WriteContentionError';
  constructor(readonly key: string) {
    super(`could not commit ${key}: too much contention`);
  }
}

/**
 * Whether a DynamoDB write failed on its condition: a conditional put/update, or a transaction
 * cancelled by any item's condition. (Matched by name as well: DynamoDB Local and bundled copies of
 * the SDK may raise an instance of another copy of the class.)
 */
export function isConditionFailure(e: unknown): boolean {
  if (e instanceof ConditionalCheckFailedException) return true;
  if (e instanceof TransactionCanceledException)
    return (e.CancellationReasons ?? []).some((r) => r?.Code === 'ConditionalCheckFailed');
  return (e as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}
