// Module resolution hook: `fs` and `node:fs` resolve to node20-fs.mjs, except from that module itself.
const replacement = new URL('./node20-fs.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  const isFs = specifier === 'fs' || specifier === 'node:fs';
  if (isFs && context.parentURL !== replacement) return { url: replacement, shortCircuit: true };
  return nextResolve(specifier, context);
}
