/**
 * What a failed ingestion tells the uploader (GET /readouts?key= shows it). Raw SDK messages can
 * carry the account id, role ARNs and resource names ("User: arn:aws:sts::123…:assumed-role/… is
 * not authorized"), so only the error's name and HTTP status are shown; the full error goes to the
 * logs under the correlation id given here.
 */
export function publicFailureReason(e: unknown, correlationId: string): string {
  const err = e as { name?: unknown; $metadata?: { httpStatusCode?: number } };
  const name = typeof err?.name === 'string' && /^[A-Za-z][\w.]{0,60}$/.test(err.name) ? err.name : 'Error';
  const status = err?.$metadata?.httpStatusCode;
  return `${name}${status ? ` (HTTP ${status})` : ''} while processing; it is retried automatically. Logs: correlation id ${correlationId}`;
}
