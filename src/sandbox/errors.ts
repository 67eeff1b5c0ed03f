// Kibana's error bodies: `{"statusCode": 404, "error": "Not Found", "message": "..."}`.

import { STATUS_CODES } from 'node:http';

export class KibanaError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }

  toBody(): { statusCode: number; error: string; message: string } {
    return { statusCode: this.statusCode, error: STATUS_CODES[this.statusCode] ?? 'Error', message: this.message };
  }
}

export const badRequest = (message: string): KibanaError => new KibanaError(400, message);
export const notFound = (message = 'Not Found'): KibanaError => new KibanaError(404, message);
export const conflict = (message: string): KibanaError => new KibanaError(409, message);

/** The message Kibana's saved-objects layer uses for a missing object. */
export const savedObjectNotFound = (type: string, id: string): KibanaError => notFound(`Saved object [${type}/${id}] not found`);

export const savedObjectConflict = (type: string, id: string): KibanaError => conflict(`Saved object [${type}/${id}] conflict`);
