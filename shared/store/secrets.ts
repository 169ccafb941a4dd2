/**
 * The key that signs pagination cursors: CURSOR_SECRET directly (local runs), or fetched once per
 * container from Secrets Manager (CURSOR_SECRET_ARN, set by the stack).
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { randomBytes } from 'node:crypto';

let cached: string | undefined;

export async function cursorSecret(): Promise<string> {
  if (cached) return cached;
  if (process.env.CURSOR_SECRET) return (cached = process.env.CURSOR_SECRET);
  const arn = process.env.CURSOR_SECRET_ARN;
  if (arn) {
    const r = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
    if (r.SecretString) return (cached = r.SecretString);
  }
  // No configured key: cursors stay valid for this container's lifetime only.
  return (cached = randomBytes(32).toString('hex'));
}
