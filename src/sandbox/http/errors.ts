// Kibana's error bodies: `{"statusCode": 404, "error": "Not Found", "message": "..."}`. Thrown by
// handlers and the pipeline alike; the server turns them into the response.

import { STATUS_CODES } from 'node:http';

export class HttpError extends Error {
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

export const badRequest = (message: string): HttpError => new HttpError(400, message);
export const notFound = (message = 'Not Found'): HttpError => new HttpError(404, message);
export const conflict = (message: string): HttpError => new HttpError(409, message);

/** The message Kibana's saved-objects layer uses for a missing object. */
export const savedObjectNotFound = (type: string, id: string): HttpError => notFound(`Saved object [${type}/${id}] not found`);

export const savedObjectConflict = (type: string, id: string): HttpError => conflict(`Saved object [${type}/${id}] conflict`);
