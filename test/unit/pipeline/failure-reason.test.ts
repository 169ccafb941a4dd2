import { describe, expect, it } from 'vitest';
import { publicFailureReason } from '../../../shared/pipeline/failure-reason.ts';

describe('publicFailureReason', () => {
  it('names the error and its HTTP status, never the SDK message', () => {
    const sdk = Object.assign(
      new Error(
        'User: arn:aws:sts::123456789012:assumed-role/ingest-role/fn is not authorized to perform: s3:GetObject',
      ),
      { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } },
    );
    const reason = publicFailureReason(sdk, 'readouts/a.txt@01');
    expect(reason).toBe(
      'AccessDenied (HTTP 403) while processing; it is retried automatically. Logs: correlation id readouts/a.txt@01',
    );
    expect(reason).not.toMatch(/arn:|123456789012/);
  });
  it('a name that is not a plain identifier is not echoed', () => {
    expect(publicFailureReason({ name: 'arn:aws:iam::1:role/x' }, 'k@1')).toMatch(/^Error while processing/);
    expect(publicFailureReason('a string was thrown', 'k@1')).toMatch(/^Error while processing/);
  });
});
