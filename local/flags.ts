/**
 * Boolean flags of the command-line scripts, by node:util parseArgs: an unknown flag is an error
 * (exit 2, with the usage), `--help` prints the usage.
 */
import { parseArgs } from 'node:util';

export function parseFlags<F extends string>(usage: string, flags: readonly F[]): Record<F, boolean> {
  let values: Record<string, boolean | undefined>;
  try {
    values = parseArgs({
      args: process.argv.slice(2),
      options: Object.fromEntries(['help', ...flags].map((f) => [f, { type: 'boolean' as const }])),
    }).values as Record<string, boolean | undefined>;
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return Object.fromEntries(flags.map((f) => [f, !!values[f]])) as Record<F, boolean>;
}
