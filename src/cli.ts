#!/usr/bin/env node
// `kibana-mcp`: the process around the commands: exit codes, and usage errors as one line.
import { main } from './commands/main.js';
import { UsageError } from './usage-error.js';

// `kibana-mcp list-tools | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`kibana-mcp: ${message}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
