// An address or port the process cannot listen on is the user's to change: one line naming the
// setting, exit 2, never a stack trace. Any other failure stays what it is.
import { ConfigError } from '../config/read-options.js';

const LISTEN_CODES = new Set(['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL']);

export function asListenError(error: unknown, setting: string, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && LISTEN_CODES.has(code) ? new ConfigError(`${setting}: cannot listen on ${host}:${port} (${code})`) : error;
}
