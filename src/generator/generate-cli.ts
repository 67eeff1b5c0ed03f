// `npm run generate [-- --out dir]`: writes src/tools/generated/ from openapi/kibana.yaml and openapi/toolsets.yaml.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateFromText } from './generate.js';
import { PATHS } from './paths.js';
import { loadToolsets } from './toolsets.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: PATHS.generated } } });
const out = values.out;
const { files, skipped } = generateFromText(await readFile(PATHS.kibanaSpec, 'utf8'), await loadToolsets(PATHS.toolsets));
await mkdir(out, { recursive: true });
for (const stale of (await readdir(out)).filter((file) => file.endsWith('.ts') && !files.has(file))) await rm(join(out, stale));
for (const [file, text] of files) await writeFile(join(out, file), text);
for (const { tool, reason } of skipped) process.stderr.write(`skipped ${tool}: ${reason}\n`);
process.stdout.write(`wrote ${files.size} files to ${out}\n`);
if (skipped.length > 0) process.exitCode = 1;
