// Test certificates made with the openssl CLI: a CA, certificates it signs, and a self-signed one.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  key: string;
  cert: string;
}

export interface TestPki {
  dir: string;
  /** PEM of the certificate authority. */
  ca: string;
  /** Path of the CA's PEM file. */
  caFile: string;
  /** A certificate for `subjectAltName` (e.g. `IP:127.0.0.1,DNS:localhost`), signed by the CA. */
  issue(name: string, subjectAltName: string): KeyPair;
  selfSigned(): KeyPair;
  remove(): void;
}

export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'kibana-mcp-pki-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Test CA');
  return {
    dir,
    ca: read('ca.pem'),
    caFile: join(dir, 'ca.pem'),
    issue(name, subjectAltName) {
      writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${subjectAltName}\n`);
      openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
      openssl(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        `${name}.pem`,
        '-days',
        '2',
        '-extfile',
        `${name}.ext`,
      );
      return { key: read(`${name}.key`), cert: read(`${name}.pem`) };
    },
    selfSigned() {
      openssl(
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'self.key',
        '-out',
        'self.pem',
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      );
      return { key: read('self.key'), cert: read('self.pem') };
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
