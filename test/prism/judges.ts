// The judge of one spec's requests: Prism on a copy of the spec trimmed to its catalogued operations
// (what their requests reach, request content untouched, responses without content: see
// ../api/support/request-spec.ts), started once and shared by every suite that sends to that spec. The 9.4
// dashboards spec, which Prism takes minutes to load, is judged by the Ajv stand-in instead.
import type { SpecSource } from '../../src/generator/spec-sources.js';
import { requestSpec } from '../api/support/request-spec.js';
import { startAjvJudge } from '../generator/support/ajv-judge.js';
import { trimmedSpec } from '../generator/support/trimmed-spec.js';
import { upstreamDocument } from '../generator/support/upstream.js';
import { type Doc, type PrismServer, startPrism } from '../support/prism.js';
import { catalogued } from './catalogue-requests.js';

const TOO_LARGE_FOR_PRISM = new Set(['dashboards-9.4']);

export async function startJudge(source: SpecSource): Promise<PrismServer> {
  const operations = catalogued(source.id).map(({ method, specPath }) => ({ method, path: specPath }));
  const trimmed = trimmedSpec(requestSpec(await upstreamDocument(source)), operations);
  if (TOO_LARGE_FOR_PRISM.has(source.id)) return startAjvJudge(trimmed);
  return startPrism(trimmed as Doc);
}
