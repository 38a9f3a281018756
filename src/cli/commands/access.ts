/**
 * The platform from the command line: login/logout/whoami, tenants, tokens, queues' quotas,
 * usage, bills and payouts, and the audit log.
 */
import type { Command } from 'commander';
import { type CliContext, outputOption, useColor } from '../context.js';
import { removeCredential, saveCredential } from '../credentials.js';
import { UsageError } from '../errors.js';
import { renderTable, serialize } from '../format.js';
import { resolveServer } from '../main.js';

type Output = { output?: 'json' | 'yaml' };

interface Whoami {
  tenant: string;
  user: string;
  role: string;
  tokenId: string;
  expiresAt: string | null;
}

interface UsageItem {
  [dimension: string]: unknown;
  currency: string;
  deviceHours: number;
  cpuHours: number;
  cost: string;
  jobs: number;
}

interface BillView {
  party: string;
  period: { from: string; to: string };
  lines: {
    site: string;
    vendor: string | null;
    model: string | null;
    queue: string;
    deviceHours: string;
    cost: string;
    currency: string;
  }[];
  totals: { currency: string; cost: string }[];
}

/** `nvidia=8,huawei-ascend-910b3=4` → { nvidia: 8, ... } */
function deviceAmounts(text: string | undefined, flag: string): Record<string, number> | undefined {
  if (text === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const pair of text.split(',').filter(Boolean)) {
    const [key, value] = pair.split('=');
    const n = Number(value);
    if (!key || !(n >= 0)) throw new UsageError(`${flag}: "${pair}" is not vendor-or-model=count`);
    out[key.trim()] = n;
  }
  return out;
}

async function readStdin(ctx: CliContext): Promise<string> {
  let text = '';
  for await (const chunk of ctx.io.stdin)
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return text.trim();
}

export function registerAccessCommands(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const print = (value: unknown, output: Output['output'], human: () => string) =>
    io.stdout.write(output ? serialize(value, output) : human());

  program
    .command('login')
    .description(
      'check a token against the server and keep it for later commands (reads it from stdin without --token)',
    )
    .action(async () => {
      const opts = program.opts<{ server?: string; token?: string }>();
      const server = resolveServer(opts.server, io.env);
      const token = opts.token ?? io.env.JUNCTION_TOKEN ?? (await readStdin(ctx));
      if (!token) throw new UsageError('no token: pass --token, set JUNCTION_TOKEN or pipe it on stdin');
      const { ApiClient } = await import('../client.js');
      const me = await new ApiClient(server, fetch, token).getJson<Whoami>('/api/v1/whoami');
      const path = saveCredential(io.env, server, token, io.now());
      io.stdout.write(
        `signed in to ${server} as ${me.user} (${me.role}, tenant ${me.tenant}); token kept in ${path}\n`,
      );
    });

  program
    .command('logout')
    .description('forget the token kept for this server')
    .action(() => {
      const server = resolveServer(program.opts<{ server?: string }>().server, io.env);
      io.stdout.write(
        removeCredential(io.env, server) ? `forgot the token for ${server}\n` : `no token kept for ${server}\n`,
      );
    });

  program
    .command('whoami')
    .description('who the current token is')
    .addOption(outputOption(['json', 'yaml']))
    .action(async (options: Output) => {
      const me = await ctx.client().getJson<Whoami>('/api/v1/whoami');
      print(
        me,
        options.output,
        () =>
          `${me.user} (${me.role}) in tenant ${me.tenant}, token ${me.tokenId}${me.expiresAt ? `, expires ${me.expiresAt}` : ''}\n`,
      );
    });

  const tenants = program.command('tenants').description('tenants (admins)');
  tenants
    .command('ls', { isDefault: true })
    .addOption(outputOption(['json', 'yaml']))
    .action(async (options: Output) => {
      const list = await ctx
        .client()
        .getJson<{ items: { name: string; displayName: string; queues: string[]; tokens: number }[] }>(
          '/api/v1/tenants',
        );
      print(list, options.output, () =>
        renderTable(
          ['NAME', 'DISPLAY NAME', 'QUEUES', 'TOKENS'],
          list.items.map((t) => [t.name, t.displayName, t.queues.join(','), String(t.tokens)]),
          { color: useColor(io) },
        ),
      );
    });
  tenants
    .command('create <name>')
    .option('--display-name <text>')
    .action(async (name: string, options: { displayName?: string }) => {
      await ctx.client().sendJson('POST', '/api/v1/tenants', {
        name,
        ...(options.displayName && { displayName: options.displayName }),
      });
      io.stdout.write(`tenant ${name} created, with queue ${name}\n`);
    });

  const tokens = program.command('tokens').description('API tokens (admins)');
  tokens
    .command('ls', { isDefault: true })
    .option('--tenant <tenant>')
    .addOption(outputOption(['json', 'yaml']))
    .action(async (options: Output & { tenant?: string }) => {
      const list = await ctx.client().getJson<{
        items: {
          id: string;
          tenant: string;
          user: string;
          role: string;
          name: string;
          expiresAt: string | null;
          revokedAt: string | null;
          lastUsedAt: string | null;
        }[];
      }>('/api/v1/tokens', { tenant: options.tenant });
      print(list, options.output, () =>
        renderTable(
          ['ID', 'TENANT', 'USER', 'ROLE', 'NAME', 'EXPIRES', 'STATE', 'LAST USED'],
          list.items.map((t) => [
            t.id,
            t.tenant,
            t.user,
            t.role,
            t.name,
            t.expiresAt ?? 'never',
            t.revokedAt ? 'revoked' : 'active',
            t.lastUsedAt ?? '-',
          ]),
          { color: useColor(io) },
        ),
      );
    });
  tokens
    .command('create')
    .requiredOption('--tenant <tenant>')
    .requiredOption('--user <user>')
    .requiredOption('--role <role>', 'admin, provider, member or viewer')
    .option('--name <label>')
    .option('--expires-in-days <days>', 'days until it stops working', Number)
    .action(async (options: { tenant: string; user: string; role: string; name?: string; expiresInDays?: number }) => {
      const created = await ctx.client().sendJson<{ id: string; token: string }>('POST', '/api/v1/tokens', options);
      io.stderr.write(`token ${created.id} created; this is the only time its secret is shown:\n`);
      io.stdout.write(`${created.token}\n`);
    });
  tokens.command('revoke <id>').action(async (id: string) => {
    await ctx.client().sendJson('DELETE', `/api/v1/tokens/${encodeURIComponent(id)}`);
    io.stdout.write(`token ${id} revoked\n`);
  });

  program
    .command('quota <tenant> <queue>')
    .description("create or change a tenant's queue: guaranteed devices, borrowing limit, fair-share weight (admins)")
    .option('--weight <n>', 'fair-share weight', Number)
    .option('--devices <list>', 'guaranteed devices, e.g. nvidia=8,huawei=4')
    .option('--limit <list>', 'the most it may hold with borrowing, e.g. nvidia=16')
    .action(async (tenant: string, queue: string, options: { weight?: number; devices?: string; limit?: string }) => {
      const devices = deviceAmounts(options.devices, '--devices');
      const limit = deviceAmounts(options.limit, '--limit');
      const saved = await ctx
        .client()
        .sendJson('PUT', `/api/v1/tenants/${encodeURIComponent(tenant)}/queues/${encodeURIComponent(queue)}`, {
          ...(options.weight !== undefined && { weight: options.weight }),
          quota: devices ? { devices } : {},
          ...(limit && { limit: { devices: limit } }),
        });
      io.stdout.write(serialize(saved, 'yaml'));
    });

  program
    .command('usage')
    .description('metered usage and cost (running tasks included so far)')
    .option('--by <dims>', 'tenant, queue, user, site, provider, vendor, model, day, month', 'tenant')
    .option('--period <period>', 'YYYY-MM or YYYY-MM-DD..YYYY-MM-DD (default this month)')
    .option('--tenant <tenant>', 'admins: one tenant')
    .addOption(outputOption(['json', 'yaml']))
    .action(async (options: Output & { by: string; period?: string; tenant?: string }) => {
      const usage = await ctx.client().getJson<{ by: string[]; items: UsageItem[] }>('/api/v1/usage', {
        by: options.by,
        period: options.period,
        tenant: options.tenant,
      });
      print(usage, options.output, () =>
        renderTable(
          [...usage.by.map((d) => d.toUpperCase()), 'JOBS', 'DEVICE-HOURS', 'CPU-HOURS', 'COST'],
          usage.items.map((r) => [
            ...usage.by.map((d) => String(r[d] ?? '-')),
            String(r.jobs),
            r.deviceHours.toFixed(4),
            r.cpuHours.toFixed(4),
            `${r.cost} ${r.currency}`,
          ]),
          { color: useColor(io) },
        ),
      );
    });

  for (const kind of ['bill', 'payout'] as const) {
    program
      .command(kind)
      .description(kind === 'bill' ? "a tenant's bill for a period" : "a provider's payout for a period")
      .option(kind === 'bill' ? '--tenant <tenant>' : '--provider <provider>', 'default: your own')
      .option('--period <period>', 'YYYY-MM or YYYY-MM-DD..YYYY-MM-DD (default this month)')
      .option('--csv', 'print CSV')
      .addOption(outputOption(['json', 'yaml']))
      .action(async (options: Output & { tenant?: string; provider?: string; period?: string; csv?: boolean }) => {
        const path = kind === 'bill' ? '/api/v1/bills' : '/api/v1/payouts';
        const query = { tenant: options.tenant, provider: options.provider, period: options.period };
        if (options.csv) {
          io.stdout.write(await ctx.client().getText(path, { ...query, format: 'csv' }));
          return;
        }
        const bill = await ctx.client().getJson<BillView>(path, query);
        print(bill, options.output, () => {
          const head = `${kind} for ${bill.party}, ${bill.period.from} to ${bill.period.to} (exclusive)\n`;
          const table = renderTable(
            ['SITE', 'MODEL', 'QUEUE', 'DEVICE-HOURS', 'AMOUNT'],
            bill.lines.map((l) => [l.site, l.model ?? 'cpu', l.queue, l.deviceHours, `${l.cost} ${l.currency}`]),
            { color: useColor(io) },
          );
          const totals = bill.totals.map((t) => `TOTAL ${t.cost} ${t.currency}`).join('\n') || 'TOTAL 0';
          return `${head}${bill.lines.length ? table : ''}${totals}\n`;
        });
      });
  }

  program
    .command('audit')
    .description('state-changing calls, newest first (admins)')
    .option('--limit <n>', 'entries', Number, 50)
    .addOption(outputOption(['json', 'yaml']))
    .action(async (options: Output & { limit: number }) => {
      const log = await ctx.client().getJson<{
        items: {
          at: string;
          user: string | null;
          tenant: string | null;
          method: string;
          route: string;
          target: string | null;
          status: number;
          ip: string;
        }[];
      }>('/api/v1/audit', { limit: options.limit });
      print(log, options.output, () =>
        renderTable(
          ['AT', 'WHO', 'CALL', 'TARGET', 'STATUS', 'FROM'],
          log.items.map((e) => [
            e.at,
            e.user ? `${e.user}@${e.tenant}` : '(no token)',
            `${e.method} ${e.route}`,
            e.target ?? '-',
            String(e.status),
            e.ip,
          ]),
          { color: useColor(io) },
        ),
      );
    });
}
