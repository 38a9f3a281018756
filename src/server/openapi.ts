/**
 * Additions to the generated OpenAPI document that route schemas cannot express: the job spec
 * is sent as raw YAML or JSON text (so the server can report errors by field path), but clients
 * should still see its schema.
 */
type Doc = Record<string, unknown>;

export function openApiExtras<T extends object>(doc: T, jobSpecSchema: object): T {
  const paths = ((doc as Doc).paths ?? {}) as Record<string, Record<string, Doc>>;
  const submit = paths['/api/v1/jobs']?.post;
  if (submit) {
    submit.requestBody = {
      required: true,
      content: {
        'application/yaml': { schema: jobSpecSchema },
        'application/json': { schema: jobSpecSchema },
      },
    };
  }
  return doc;
}
