// `kibana-mcp sandbox [--port 5601]`: a simulated Kibana with demo data, to try the MCP server
// without a real Kibana. Serves until SIGINT/SIGTERM.

import { startSandbox } from '../sandbox/index.js';

const printToStdout = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export async function runSandbox(options: { port: number; host: string }, print = printToStdout): Promise<number> {
  const sandbox = await startSandbox({ port: options.port, host: options.host, recordRequests: false });
  const { apiKey, username, password } = sandbox.credentials;
  print(`Kibana sandbox (simulated Kibana ${sandbox.state.version}, demo data, in memory) at ${sandbox.url}`);
  print(`  API key:  ${apiKey}`);
  print(`  Basic:    ${username} / ${password}`);
  print('Point the MCP server at it with:');
  print(`  KIBANA_URL=${sandbox.url}`);
  print(`  KIBANA_API_KEY=${apiKey}`);
  print('Stop with Ctrl+C; all changes are lost.');
  await untilSignalled();
  await sandbox.stop();
  return 0;
}

function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
