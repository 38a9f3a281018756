/**
 * Commands about capacity: nodes, sites, queues.
 */
import type { Command } from 'commander';
import { nodesTable, queuesTable, sitesTable } from '../cluster-views.js';
import { type CliContext, outputOption, useColor } from '../context.js';
import { serialize } from '../format.js';

export function registerClusterCommands(program: Command, ctx: CliContext): void {
  const { io } = ctx;

  program
    .command('nodes')
    .description('list nodes with their devices and what is allocated')
    .option('--site <site>', 'only nodes of this site')
    .addOption(outputOption(['json', 'yaml']))
    .action(async (options: { site?: string; output?: 'json' | 'yaml' }) => {
      const client = ctx.client();
      const [nodes, sites] = await Promise.all([client.nodes(), client.sites()]);
      const items = options.site ? nodes.items.filter((node) => node.site === options.site) : nodes.items;
      if (options.output) {
        io.stdout.write(serialize({ items }, options.output));
        return;
      }
      if (items.length === 0) {
        io.stderr.write(options.site ? `no nodes in site ${options.site}\n` : 'no nodes\n');
        return;
      }
      const emulated = new Set(sites.items.filter((site) => site.emulated).map((site) => site.name));
      io.stdout.write(nodesTable(items, emulated, useColor(io)));
    });

  program
    .command('sites')
    .description('list sites')
    .addOption(outputOption(['json', 'yaml']))
    .action(async (options: { output?: 'json' | 'yaml' }) => {
      const sites = await ctx.client().sites();
      io.stdout.write(options.output ? serialize(sites, options.output) : sitesTable(sites.items, useColor(io)));
    });

  program
    .command('queues')
    .description('list queues with their pending and running jobs')
    .addOption(outputOption(['json', 'yaml']))
    .action(async (options: { output?: 'json' | 'yaml' }) => {
      const queues = await ctx.client().queues();
      io.stdout.write(options.output ? serialize(queues, options.output) : queuesTable(queues.items, useColor(io)));
    });
}
