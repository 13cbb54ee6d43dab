/** import / export / backup: not written yet. */
import type { Config } from './config.ts';
import type { Store } from './db/index.ts';

export async function transfer(command: string, _args: string[], _config: Config, _store: Store, _out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  err.write(`firm-widgets-server: ${command} is not available yet\n`);
  return 2;
}
