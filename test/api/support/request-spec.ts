// A copy of a spec for judging requests only: each operation's responses keep their status codes and
// lose their content. Prism then loads in about half the time (response schemas are most of what it
// inlines), and checks requests exactly as on the whole spec; nothing here reads its answers.
type Json = Record<string, unknown>;

export function requestSpec(document: Json): Json {
  const paths: Record<string, Json> = {};
  for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
    paths[path] = Object.fromEntries(
      Object.entries(item).map(([key, value]) => {
        const operation = value as Json;
        if (typeof operation !== 'object' || operation === null || !('responses' in operation)) return [key, value];
        const statuses = Object.keys(operation.responses as Json);
        return [key, { ...operation, responses: Object.fromEntries(statuses.map((status) => [status, { description: 'Response' }])) }];
      }),
    );
  }
  return { ...document, paths };
}
