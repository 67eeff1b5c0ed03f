// `npm run bench`: every benchmark in one run, printed as tables. Not part of `npm test`.
import { benchApi } from './api.js';
import { benchClient } from './client.js';
import { benchDashboards } from './dashboards.js';
import { benchDeadline } from './deadline.js';
import { benchGenerator } from './generator.js';
import { benchLargeAnswers } from './large-answers.js';
import { benchServer } from './server.js';
import { benchVersions } from './versions.js';

interface Table {
  name: string;
  rows: object[];
}

const suites: Array<() => Promise<Table | Table[]>> = [
  benchGenerator,
  benchClient,
  benchServer,
  benchVersions,
  benchDashboards,
  benchLargeAnswers,
  benchDeadline,
  benchApi,
];

for (const suite of suites) {
  const result = await suite();
  for (const table of Array.isArray(result) ? result : [result]) {
    console.log(`\n${table.name}`);
    console.table(table.rows);
  }
}
