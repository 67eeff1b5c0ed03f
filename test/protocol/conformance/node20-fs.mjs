// Node's own fs, plus a globSync that says plainly that it is missing if anything ever calls it.
import fs from 'node:fs';

export * from 'node:fs';
export default fs;

export function globSync() {
  throw new Error('fs.globSync needs Node 22; on Node 20 the conformance tier checks cannot run');
}
