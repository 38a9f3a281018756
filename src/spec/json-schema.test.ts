import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { JOB_SPEC_SCHEMA_ID, jobSpecJsonSchema } from './json-schema.js';
import { FULL_EXAMPLE_YAML } from './test-fixtures.js';

type Schema = Record<string, unknown>;

/**
 * A tiny structural check of the JSON Schema keywords the job schema uses; enough to see
 * that the generated schema accepts and rejects what compileJobSpec does at the surface.
 */
function conforms(schema: Schema, value: unknown): boolean {
  if ('const' in schema && value !== schema.const) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s: Schema) => conforms(s, value))) return false;
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => hasType(t, value))) return false;
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) return false;
    if (typeof schema.maximum === 'number' && value > schema.maximum) return false;
  }
  if (typeof value === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value))
    return false;
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) return false;
    if (schema.items && !value.every((v) => conforms(schema.items as Schema, v))) return false;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    if (Array.isArray(schema.required) && !schema.required.every((k: string) => k in record)) return false;
    for (const [key, v] of Object.entries(record)) {
      const own = properties[key];
      if (own) {
        if (!conforms(own, v)) return false;
      } else if (schema.additionalProperties === false) {
        return false;
      } else if (
        typeof schema.additionalProperties === 'object' &&
        !conforms(schema.additionalProperties as Schema, v)
      ) {
        return false;
      }
      if (schema.propertyNames && !conforms(schema.propertyNames as Schema, key)) return false;
    }
  }
  return true;
}

function hasType(type: unknown, value: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

function example(): Record<string, unknown> {
  return parseYaml(FULL_EXAMPLE_YAML) as Record<string, unknown>;
}

describe('jobSpecJsonSchema', () => {
  const schema = jobSpecJsonSchema();

  test('is a JSON object with an id, a title and the four top-level fields', () => {
    assert.equal(schema.$id, JOB_SPEC_SCHEMA_ID);
    assert.match(String(schema.title), /junction\/v1/);
    assert.deepEqual(JSON.parse(JSON.stringify(schema)), schema);
    const properties = schema.properties as Record<string, Schema>;
    assert.equal(typeof properties.spec, 'object');
    assert.deepEqual(Object.keys(properties), ['apiVersion', 'kind', 'metadata', 'spec']);
    assert.equal(schema.additionalProperties, false);
  });

  test('describes fields for editors and quantities as strings or numbers', () => {
    const spec = (schema.properties as Record<string, Schema>).spec as Schema;
    const resources = (spec.properties as Record<string, Schema>).resources as Schema;
    const replicas = (resources.properties as Record<string, Schema>).replicas as Schema;
    assert.match(String(replicas.description), /Gang/);
    const perReplica = (resources.properties as Record<string, Schema>).perReplica as Schema;
    const memory = (perReplica.properties as Record<string, Schema>).memory as Schema;
    assert.deepEqual(memory.type, ['string', 'number']);
  });

  test('accepts the full example', () => {
    assert.equal(conforms(schema, example()), true);
  });

  test('rejects an unknown key, a wrong apiVersion, zero replicas and a missing command', () => {
    const unknownKey = example();
    (unknownKey.spec as Record<string, unknown>).replicas = 2;
    assert.equal(conforms(schema, unknownKey), false);

    assert.equal(conforms(schema, { ...example(), apiVersion: 'junction/v2' }), false);

    const zero = example();
    ((zero.spec as Record<string, Record<string, unknown>>).resources as Record<string, unknown>).replicas = 0;
    assert.equal(conforms(schema, zero), false);

    const noCommand = example();
    delete ((noCommand.spec as Record<string, unknown>).workload as Record<string, unknown>).command;
    assert.equal(conforms(schema, noCommand), false);
  });
});
