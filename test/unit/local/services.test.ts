/** The local stand-ins refuse what would corrupt or hijack them. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startDynamoDbLocal, unstorableKey } from '../../../local/services.ts';

describe('local services', () => {
  it('never attaches to a DynamoDB Local it did not start (a server left running by a crash)', async () => {
    const squatter = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => squatter.once('listening', r));
    const port = (squatter.address() as { port: number }).port;
    try {
      await expect(startDynamoDbLocal(port, null)).rejects.toThrow(new RegExp(`port ${port} is already in use`));
    } finally {
      squatter.close();
    }
  });

  it.each([
    ['/inbox/readouts/ok.txt', null],
    ['/inbox/readouts/%E4%B8%AD.txt', null],
    [`/inbox/readouts/${'x'.repeat(256)}`, /at most 255 bytes/],
    [`/inbox/readouts/${'%C3%BC'.repeat(128)}`, /at most 255 bytes/], // 128 × 2 bytes
    ['/inbox/readouts/../../etc/passwd', /"\." or "\.\." segments/],
    ['/inbox/readouts/%2E%2E/x', /"\." or "\.\." segments/],
    ['/inbox/readouts/%ZZ', /percent-encoding/],
  ])('key path %s', (path, why) => {
    const r = unstorableKey(path);
    if (why) expect(r).toMatch(why);
    else expect(r).toBeNull();
  });
});
