// Request body encoding: JSON, ndjson, or multipart/form-data.

import { Blob } from 'node:buffer';
import type { FormData } from 'undici';
import type { KibanaRequest, MultipartPart } from './types.js';

export interface EncodedBody {
  body: string | FormData | undefined;
  /** Undefined for multipart: undici writes the content type with its boundary. */
  contentType: string | undefined;
}

const NONE: EncodedBody = { body: undefined, contentType: undefined };

/** `FormDataClass` is undici's own (Node's global one is not accepted by undici 7), passed in so undici loads lazily; a multipart body needs it. */
export function encodeBody(body: unknown, type: KibanaRequest['bodyType'], FormDataClass: typeof FormData | undefined): EncodedBody {
  if (body === undefined) return NONE;
  switch (type ?? 'json') {
    case 'json':
      return { body: toJson(body, 'the request body'), contentType: 'application/json' };
    case 'ndjson':
      if (!Array.isArray(body)) throw new TypeError('an ndjson body must be an array');
      return {
        body: body.map((line, index) => `${toJson(line, `line ${index + 1} of the ndjson body`)}\n`).join(''),
        contentType: 'application/x-ndjson',
      };
    case 'multipart':
      if (!FormDataClass) throw new Error('encodeBody: a multipart body needs the FormData class');
      return { body: formData(body, FormDataClass), contentType: undefined };
  }
}

/**
 * JSON.stringify, with its failures as the TypeError the client reports as an invalid request:
 * a value nested past V8's stack depth throws a RangeError, a BigInt or a cycle a TypeError.
 */
export function toJson(value: unknown, what: string): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    const why = error instanceof RangeError ? 'it is nested too deeply' : error instanceof Error ? error.message : String(error);
    throw new TypeError(`${what} cannot be sent as JSON: ${why}`);
  }
}

function formData(parts: unknown, FormDataClass: typeof FormData): FormData {
  if (!Array.isArray(parts)) throw new TypeError('a multipart body must be an array of parts');
  const form = new FormDataClass();
  for (const part of parts as MultipartPart[]) {
    if (part.filename === undefined) form.append(part.name, part.value);
    else form.append(part.name, new Blob([part.value], { type: part.contentType ?? 'application/octet-stream' }), part.filename);
  }
  return form;
}
