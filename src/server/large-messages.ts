// What a client hears when its message is larger than the transport reads: the limit, and how to
// send a large saved-object import anyway (in pieces, or from a file where the server may read one).

import { FILE_IMPORT_TOOL } from '../tools/tasks/import-file-names.js';

export interface TooLarge {
  /** The transport: `stdio` or `HTTP`. */
  what: string;
  limitBytes: number;
  /** The message's size, when it was read to its end. */
  sizeBytes?: number;
  /** Whether the server serves FILE_IMPORT_TOOL. */
  fileImport: boolean;
}

export function tooLargeMessage({ what, limitBytes, sizeBytes, fileImport }: TooLarge): string {
  const size = sizeBytes === undefined ? 'this one is larger' : `this one has ${sizeBytes} bytes`;
  const file = fileImport ? `, or put the export file in the server's import directory and call ${FILE_IMPORT_TOOL} with its name` : '';
  return (
    `Request too large: a message over ${what} may be at most ${mebibytes(limitBytes)} (${limitBytes} bytes); ${size}, so it was not read. ` +
    `To import a large export, split its objects over several import_saved_objects calls, each well under the limit, ` +
    `in the export's order (objects after those they refer to)${file}.`
  );
}

function mebibytes(bytes: number): string {
  const mib = bytes / 1_048_576;
  return Number.isInteger(mib) ? `${mib} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
