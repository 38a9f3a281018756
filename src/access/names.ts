/** Names people choose for tenants, users and tokens: checked once here, with the fix in the message. */

const TENANT = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const USER = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;

export function tenantNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || !TENANT.test(name))
    return 'must be 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit (e.g. acme-ai)';
  return undefined;
}

export function userNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || !USER.test(name))
    return 'must be 1-128 letters, digits, ".", "_", "@" or "-", starting with a letter or digit (e.g. alice@acme)';
  return undefined;
}
