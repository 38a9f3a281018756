// Child process of the crash test: commits one job to the database at argv[2], reports it on
// stdout, then waits to be killed. It exits by itself after 30 s should the parent not kill it.
import { jobFixture } from '../../fixtures.js';
import { openSqliteStore } from '../sqlite-store.js';

const [path, jobId] = process.argv.slice(2);
if (path === undefined || jobId === undefined) throw new Error('usage: commit-then-wait.ts <db path> <job id>');

const store = await openSqliteStore(path);
await store.commit({
  jobs: [jobFixture({ id: jobId, phase: 'Pending' })],
  events: [{ at: new Date().toISOString(), jobId, type: 'Submitted', message: 'accepted' }],
});
process.stdout.write('committed\n');
setTimeout(() => process.exit(3), 30_000);
