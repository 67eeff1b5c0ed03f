// The list of operations a newer Kibana has, without schemas (tab-separated: method, path,
// operationId, tag, state, request content type), keyed like every operation: method + path
// with a `/s/{spaceId}` prefix aside.
import { HTTP_METHODS, type HttpMethod } from '../kibana/http.js';
import { canonicalKey } from '../kibana/spaces.js';
import { addedInVersion } from '../openapi/x-state.js';

export interface ListedOperation {
  method: HttpMethod;
  /** As the list writes it. */
  path: string;
  operationId?: string;
  tag?: string;
  deprecated: boolean;
  addedIn?: string;
}

const COLUMNS = ['method', 'path', 'operationId', 'tag', 'state', 'request_content_type'];

/** The listed operations by canonical key (see `canonicalKey`). */
export function parseOperationList(text: string, source: string): Map<string, ListedOperation> {
  const [header = '', ...lines] = text.split('\n');
  if (header.trim().split('\t').join(',') !== COLUMNS.join(','))
    throw new Error(`${source}: the header is not ${COLUMNS.join(', ')} (tab-separated)`);
  const listed = new Map<string, ListedOperation>();
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const [method = '', path = '', operationId = '', tag = '', state = ''] = line.split('\t');
    const upper = method.toUpperCase() as HttpMethod;
    if (!HTTP_METHODS.includes(upper) || !path.startsWith('/'))
      throw new Error(`${source}: line ${index + 2} is not "method<TAB>/path..."`);
    const operation: ListedOperation = { method: upper, path, deprecated: /\bdeprecated\b/i.test(state) };
    if (operationId !== '') operation.operationId = operationId;
    if (tag !== '') operation.tag = tag;
    const addedIn = addedInVersion(state);
    if (addedIn !== undefined) operation.addedIn = addedIn;
    listed.set(canonicalKey(upper, path), operation);
  });
  return listed;
}
