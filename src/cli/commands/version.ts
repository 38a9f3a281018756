/**
 * `junction version`: the package version (read from package.json) and the Node.js running it.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { type CliContext, outputOption } from '../context.js';
import { serialize } from '../format.js';

export async function junctionVersion(): Promise<string> {
  const text = await readFile(new URL('../../../package.json', import.meta.url), 'utf8');
  const pkg: unknown = JSON.parse(text);
  if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') {
    return pkg.version;
  }
  throw new Error('package.json has no version');
}

export function registerVersion(program: Command, ctx: CliContext): void {
  program
    .command('version')
    .description('print the version')
    .addOption(outputOption(['json']))
    .action(async (options: { output?: 'json' }) => {
      const version = await junctionVersion();
      const node = process.versions.node;
      ctx.io.stdout.write(
        options.output === 'json' ? serialize({ version, node }, 'json') : `junction ${version} (node ${node})\n`,
      );
    });
}
