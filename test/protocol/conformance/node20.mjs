// `node --import ./node20.mjs …/conformance/dist/index.js`: the conformance suite's 0.2 line imports
// `globSync` from `fs`, which Node 20 lacks (it came in Node 22). It uses it only to gather the
// results of its tier checks, which these tests never run; every other part of `fs` is Node's own.
import { register } from 'node:module';

register('./node20-hooks.mjs', import.meta.url);
