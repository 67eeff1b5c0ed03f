// Why the full-API tools will not do what was asked. Nothing has reached Kibana when one is thrown.

export type RefusalCode =
  /** The tool's own arguments are malformed (empty query, unknown tag, wrong type). */
  | 'bad_input'
  /** The path is malformed or tries to leave its template (dot segments, encoded slashes, a query string). */
  | 'bad_path'
  /** No operation of the connected Kibana has this method and path. */
  | 'unknown_operation'
  /** `/internal/` paths, which the operator has not allowed. */
  | 'internal'
  /** The space named in the path, in `space_id` or in `path_params` disagree, or a global API was given one. */
  | 'space'
  /** Path parameters missing, unknown, contradicting the path, or not one segment each. */
  | 'path_params'
  /** The operation needs a higher tier than the server runs at. */
  | 'tier'
  /** path_params, query or body fail the operation's schema. */
  | 'invalid_arguments';

export class ApiRefusal extends Error {
  override readonly name = 'ApiRefusal';

  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}
