import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clusterJson, generatedCluster, generatedJobs, generatedMatrix, jobsCsv } from './generate.js';
import { SimInputError } from './input-error.js';
import { parseCluster, parseJobs, parseThroughput } from './inputs.js';

const HEADER = 'arrival_s,class,work_s,replicas,devices_per_replica,priority,deadline_s';

function rejects(run: () => unknown, line: number, column: number, reason: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof SimInputError, String(error));
    assert.deepEqual([error.line, error.column], [line, column], error.message);
    assert.match(error.message, reason);
    return true;
  });
}

describe('federation input parsers', () => {
  test('jobs: a bad cell is named by file, line and column', () => {
    rejects(
      () => parseJobs(`${HEADER}\n0,llm,100,1,2,normal,\n5,llm,-3,1,2,normal,\n`, 'j.csv'),
      3,
      3,
      /^j\.csv:3:3: work_s must be/,
    );
    rejects(() => parseJobs(`${HEADER}\n0,llm,100,1,2,urgent,\n`, 'j.csv'), 2, 6, /priority must be one of/);
    rejects(() => parseJobs(`${HEADER}\n0,llm,100,1.5,2,low,\n`, 'j.csv'), 2, 4, /replicas must be an integer/);
    rejects(() => parseJobs(`${HEADER}\n10,llm,100,1,2,low,5\n`, 'j.csv'), 2, 7, /before the arrival/);
    rejects(
      () => parseJobs(`${HEADER}\n10,llm,100,1,2,low,\n9,llm,100,1,2,low,\n`, 'j.csv'),
      3,
      1,
      /before the previous/,
    );
    rejects(() => parseJobs(`${HEADER}\n0,llm,100,1,2\n`, 'j.csv'), 2, 0, /expected 7 cells, found 5/);
    rejects(() => parseJobs('arrival_s,class\n', 'j.csv'), 1, 0, /missing column "work_s"/);
  });

  test('cluster: a bad value is named by its line and column in the JSON', () => {
    const text =
      '{\n  "sites": [\n    {"name": "a", "region": "r",\n     "pools": [{"model": "m", "nodes": 2, "devicesPerNode": 8, "pricePerHour": -1}]}\n  ]\n}\n';
    rejects(() => parseCluster(text, 'c.json'), 4, 80, /sites\[0\]\.pools\[0\]\.pricePerHour: must be a number >= 0/);
    rejects(() => parseCluster('{"sites": [}', 'c.json'), 1, 12, /unexpected "}"/);
    rejects(() => parseCluster('{"sites": []}', 'c.json'), 1, 11, /at least one site/);
  });

  test('throughput: zero and missing reference rows are rejected with the position', () => {
    rejects(
      () => parseThroughput('{"classes": {"llm": {"m": 0}}}', 't.json'),
      1,
      27,
      /classes\.llm\.m: must be above 0/,
    );
    rejects(
      () => parseThroughput('{"reference": "x", "classes": {"llm": {"m": 1}}}', 't.json'),
      1,
      39,
      /reference model x/,
    );
  });

  test('the generated workload round-trips through the parsers', () => {
    const cluster = generatedCluster();
    const matrix = generatedMatrix();
    const jobs = generatedJobs(cluster, matrix, { seed: 7, jobs: 200, load: 0.8, deadlineShare: 0.35 });
    assert.deepEqual(parseCluster(clusterJson(cluster), 'c.json'), cluster);
    assert.deepEqual(parseThroughput(JSON.stringify(matrix), 't.json'), matrix);
    assert.deepEqual(parseJobs(jobsCsv(jobs), 'j.csv'), jobs);
  });
});
