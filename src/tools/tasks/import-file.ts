// import_saved_objects_file: imports an export file (ndjson, as Kibana's export writes it) from the
// directory the operator named with --import-dir, for exports too large to send in one message. It
// reads nothing outside that directory: the name must resolve, links followed, to a regular .ndjson
// file inside it, of at most MAX_IMPORT_FILE_BYTES. The objects then go to Kibana exactly as
// import_saved_objects would send them: that tool (the variant serving the call) does the rest.
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { z } from 'zod';
import { errorResult } from '../error-results.js';
import { isPlainObject } from '../payload.js';
import type { Tool, ToolResult } from '../runtime/tool.js';
import { formatValidationError } from '../validation.js';
import { FILE_IMPORT_TOOL } from './import-file-names.js';

/** A file import reads at most this much (Kibana's own limit, savedObjects.maxImportPayloadBytes, is 25 MiB by default). */
export const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;

const FILE_ARGUMENT = {
  type: 'string',
  description: "Name of an .ndjson export file in the server's import directory (a path relative to it).",
} as const;

/** The file variant of `importTool`: its arguments, `objects` replaced by `file`; `directory` is a real path (no links). */
export function fileImportTool(importTool: Tool, directory: string): Tool {
  const { objects: _objects, ...others } = importTool.inputSchema.properties ?? {};
  const tool: Tool = {
    name: FILE_IMPORT_TOOL,
    toolset: importTool.toolset,
    tier: importTool.tier,
    description:
      'Imports saved objects from an .ndjson export file in the import directory the server was given, for exports too large to pass ' +
      'to import_saved_objects; same options, same report of successes and errors.',
    inputSchema: { type: 'object', properties: { file: FILE_ARGUMENT, ...others }, required: ['file'], additionalProperties: false },
    annotations: { ...importTool.annotations, title: 'Import saved objects from a file' },
    // The file's name here; the other arguments are the import tool's, checked by its own validator before the file is read.
    validator: async () => z.object({ file: z.string().min(1) }).catchall(z.unknown()),
    run: (args, context) => importFromFile(importTool, directory, args, (objectsArgs) => importTool.run(objectsArgs, context)),
  };
  const onVersion = importTool.onVersion;
  if (!onVersion) return tool;
  return {
    ...tool,
    onVersion: (version) => {
      const variant = onVersion(version);
      return 'absent' in variant ? variant : fileImportTool(variant, directory);
    },
  };
}

async function importFromFile(
  importTool: Tool,
  directory: string,
  { file, ...options }: Record<string, unknown>,
  send: (args: Record<string, unknown>) => Promise<ToolResult>,
): Promise<ToolResult> {
  const name = String(file);
  const checked = (await importTool.validator()).safeParse({ ...options, objects: [] }, { reportInput: true });
  if (!checked.success) return errorResult(`Invalid arguments for ${FILE_IMPORT_TOOL}:\n${formatValidationError(checked.error)}`);
  const read = await readImportFile(directory, name);
  if ('refusal' in read) return errorResult(`Not imported: ${read.refusal}. Nothing was sent to Kibana.`);
  const objects = objectsOf(read.text, name);
  if (!Array.isArray(objects)) return errorResult(`Not imported: ${objects.refusal}. Nothing was sent to Kibana.`);
  return send({ ...checked.data, objects });
}

/** The text of an .ndjson file inside `directory`, or why it is not read. */
export async function readImportFile(directory: string, name: string): Promise<{ text: string } | { refusal: string }> {
  if (!name.endsWith('.ndjson') || name.includes('\0')) return { refusal: `"${name}" is not the name of an .ndjson export file` };
  let real: string;
  try {
    real = await realpath(resolve(directory, name));
  } catch {
    return { refusal: `there is no file "${name}" in the import directory` };
  }
  if (!real.startsWith(directory + sep)) return { refusal: `"${name}" lies outside the import directory, which is all this tool reads` };
  // O_NOFOLLOW: a link put in the file's place after it was resolved is not followed.
  const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => undefined);
  if (!handle) return { refusal: `"${name}" cannot be opened` };
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { refusal: `"${name}" is not a regular file` };
    if (stat.size > MAX_IMPORT_FILE_BYTES) {
      return { refusal: `"${name}" has ${stat.size} bytes, more than the ${MAX_IMPORT_FILE_BYTES} a file import reads: split the export` };
    }
    return { text: await handle.readFile('utf8') };
  } finally {
    await handle.close();
  }
}

/** One object per non-empty line, or why the file is not an export. */
function objectsOf(text: string, name: string): Array<Record<string, unknown>> | { refusal: string } {
  const objects: Array<Record<string, unknown>> = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { refusal: `line ${index + 1} of "${name}" is not JSON` };
    }
    if (!isPlainObject(value)) return { refusal: `line ${index + 1} of "${name}" is not an object` };
    objects.push(value);
  }
  return objects.length > 0 ? objects : { refusal: `"${name}" holds no objects` };
}
