// Reads `openapi/specs.yaml`, the team-written list of upstream specs and the Kibana versions each
// describes, strictly (see the file's header), and checks the files it names against their checksums.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { VersionRange } from '../kibana/versions.js';
import { Fields } from './yaml-fields.js';

export interface SpecSource {
  id: string;
  file: string;
  sha256: string;
  versions: VersionRange;
}

export interface OperationListSource {
  file: string;
  sha256: string;
  versions: VersionRange;
  /** From this version on, an operation the list lacks is gone (outside `sampled`). */
  completeFrom: string;
  /** Path prefixes the list only sampled. */
  sampled: string[];
}

export interface SpecSources {
  /** Oldest first. */
  specs: SpecSource[];
  operationList: OperationListSource;
}

const SPEC_ID = /^[a-z0-9][a-z0-9.-]*$/;
const SHA256 = /^[0-9a-f]{64}$/;

export async function loadSpecSources(file: string): Promise<SpecSources> {
  return parseSpecSources(await readFile(file, 'utf8'), file);
}

export function parseSpecSources(text: string, source = 'specs.yaml'): SpecSources {
  const top = new Fields(parse(text), source, ['specs', 'operation_list']);
  const specs = top.entries('specs').map(([id, value]): SpecSource => {
    const where = `${source}: spec "${id}"`;
    if (!SPEC_ID.test(id)) throw new Error(`${where}: the id must match ${SPEC_ID}`);
    const fields = new Fields(value, where, ['file', 'sha256', 'versions']);
    return { id, ...checkedFile(fields), versions: fields.map('versions', ['from', 'until'])?.versionRange() ?? {} };
  });
  const list = top.map('operation_list', ['file', 'sha256', 'versions', 'complete_from', 'sampled']);
  if (!list) throw new Error(`${source}: "operation_list" is required`);
  const completeFrom = list.version('complete_from');
  if (completeFrom === undefined) throw new Error(`${source}: operation_list: "complete_from" is required`);
  return {
    specs,
    operationList: {
      ...checkedFile(list),
      versions: list.map('versions', ['from'])?.versionRange() ?? {},
      completeFrom,
      sampled: list.stringList('sampled'),
    },
  };
}

function checkedFile(fields: Fields): { file: string; sha256: string } {
  const sha256 = fields.string('sha256');
  if (!SHA256.test(sha256)) throw new Error(`${fields.where}: sha256 must be 64 lower-case hex digits`);
  return { file: fields.string('file'), sha256 };
}

/** The text of a source file in `dir`; throws when it is missing or its checksum differs. */
export async function readSource(dir: string, source: { file: string; sha256: string }): Promise<string> {
  const path = join(dir, source.file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== source.sha256) throw new Error(`${path}: sha256 ${actual} is not the ${source.sha256} that openapi/specs.yaml records`);
  return bytes.toString('utf8');
}
