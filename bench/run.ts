// `npm run bench`: every benchmark in one run, printed as tables. Not part of `npm test`.
import { benchClient } from './client.js';
import { benchServer } from './server.js';

type Table = { name: string; rows: Array<Record<string, string | number>> };

const suites: Array<() => Promise<Table | Table[]>> = [benchClient, benchServer];
if (process.argv.includes('--generator') || !process.argv.includes('--skip-generator')) {
  suites.push(async () => (await import('./generator.js')).benchGenerator());
}

for (const suite of suites) {
  const result = await suite();
  for (const table of Array.isArray(result) ? result : [result]) {
    console.log(`\n${table.name}`);
    console.table(table.rows);
  }
}
