// Request bodies: JSON, or multipart/form-data (saved-objects import, source maps) with every part
// read as text; the request validator decodes a form's fields by their schema.

import type { IncomingMessage } from 'node:http';
import { badRequest, HttpError } from './errors.js';

/** Kibana's default `server.maxPayload`. */
const MAX_PAYLOAD_BYTES = 1_048_576;

export async function readBody(request: IncomingMessage): Promise<unknown> {
  const raw = await readRaw(request);
  if (raw.length === 0) return undefined;
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) return readForm(raw, contentType);
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw badRequest(`[request body]: ${(error as Error).message}`);
  }
}

async function readRaw(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_PAYLOAD_BYTES) throw new HttpError(413, 'Payload content length greater than maximum allowed: 1048576');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The parts of a multipart form, each as text (a file part too). */
export class FormFields {
  constructor(readonly fields: Record<string, string>) {}
}

async function readForm(raw: Buffer, contentType: string): Promise<FormFields> {
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw badRequest('Invalid multipart payload format');
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of form) fields[name] = typeof value === 'string' ? value : await value.text();
  return new FormFields(fields);
}
