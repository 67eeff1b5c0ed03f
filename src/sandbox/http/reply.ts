// Responses other than a 200 JSON body. Handlers return plain values for 200 JSON.

export class Reply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly contentType?: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

export const noContent = (): Reply => new Reply(204);
/** Kibana answers some deletes and actions with an empty 200. */
export const emptyOk = (): Reply => new Reply(200);
