// The test files that take longest, longest first. Vitest hands files to its two workers in order, and on a
// fresh clone it knows no durations: started last, one of these would run alone while the other worker
// idles. Measured on a quiet machine, each file alone (CPU seconds beyond vitest's own start).
export const LONGEST_FIRST = [
  'test/prism/requests.test.ts', // ~85 s: Prism on two specs, every request the server can send
  'test/typecheck.test.ts', // ~25 s: tsc over the whole project
  'test/generator/generate.test.ts', // ~23 s: a fresh extraction and generation
  'test/package/install.test.ts', // ~15 s: clone, build, pack, install
  'test/hardening/fuzz.test.ts', // ~14 s
  'test/protocol/conformance.test.ts', // ~14 s: three conformance suite runs
  'test/sandbox/routes.test.ts', // ~12 s
  'test/protocol/inspector.test.ts', // ~11 s
  'test/protocol/clients.test.ts',
  'test/e2e/cli.test.ts',
  'test/e2e/stdio.test.ts',
  'test/e2e/startup.test.ts',
];
