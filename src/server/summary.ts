/** The one-screen start-up summary: where the API is, and which sites and devices Junction runs on. */
import { resolve } from 'node:path';
import { redactUrl } from '../store/postgres/postgres-store.js';
import type { RunningServer } from './start.js';

export function siteSummary(server: RunningServer): string {
  const lines = [
    `Junction is listening on ${server.url}  (API ${server.url}/api/v1, OpenAPI ${server.url}/openapi.json)`,
  ];
  const token = server.adminToken;
  lines.push(
    `data: ${resolve(server.config.dataDir)}  (state: ${server.config.database ? `PostgreSQL ${redactUrl(server.config.database)}` : 'SQLite junction.db'})`,
    `console: ${server.url}/  (sign in with the admin token in ${token.path}${token.created ? ', created now' : ''})`,
    '',
    'sites:',
  );
  for (const site of server.sites) {
    const nodes = [...server.controller.cluster.nodes()].filter((n) => n.info.site === site.name);
    const devices = new Map<string, number>();
    for (const node of nodes)
      for (const d of node.devices) devices.set(d.info.model, (devices.get(d.info.model) ?? 0) + 1);
    const what = [...devices.entries()].map(([model, n]) => `${n}× ${model}`).join(', ') || 'CPU only';
    const tag = site.emulated ? ' [emulated]' : '';
    lines.push(
      `  ${site.name.padEnd(14)} ${site.backend.padEnd(9)} ${site.region.padEnd(9)} ${String(nodes.length).padStart(3)} node(s)  ${what}${tag}`,
    );
  }
  // The CLI on this machine finds the admin token in the data dir by itself.
  const data = resolve(server.config.dataDir) === resolve('.junction') ? '' : ` --data ${server.config.dataDir}`;
  lines.push(
    '',
    `try:  npx junction${data} submit examples/hello.yaml --follow`,
    `      npx junction${data} nodes`,
    '',
  );
  return lines.join('\n');
}
