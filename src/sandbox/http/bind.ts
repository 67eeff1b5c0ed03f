// Where the sandbox may listen. Its credentials are published (they are printed and documented),
// so anything beyond loopback exposes its data to whoever can reach the address.

import { isIPv4, isIPv6 } from 'node:net';

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIPv4(bare)) return bare.startsWith('127.');
  if (isIPv6(bare)) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

/**
 * Throws for a host beyond loopback unless `allowRemote`; returns the warning to give when the
 * sandbox is exposed on purpose, undefined on loopback.
 */
export function checkBindHost(host: string, allowRemote: boolean): string | undefined {
  if (isLoopbackHost(host)) return undefined;
  if (!allowRemote) {
    throw new Error(
      `refusing to bind the sandbox to ${host}: it is not a loopback address and the sandbox's credentials are public; bind 127.0.0.1, or opt in explicitly to expose it (startSandbox option allowRemote)`,
    );
  }
  return `the sandbox listens on ${host}, beyond loopback: anyone who can reach it can read and change its data with the published demo credentials`;
}
