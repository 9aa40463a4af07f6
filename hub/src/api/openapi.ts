/** The OpenAPI 3.1 document, generated from the route table and the shared zod schemas. */
import { z } from 'zod';
import { escapeHtml } from '../html.ts';
import type { RouteSpec } from './route.ts';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): unknown => {
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  } catch {
    return {};
  }
};

export function openApiDocument(routes: readonly RouteSpec[], info: { title: string; version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { endpoint: r } of routes) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const params: unknown[] = [];
    if (r.params) {
      const shape = (jsonSchema(r.params, 'input') as { properties?: Record<string, unknown> }).properties ?? {};
      for (const [name, schema] of Object.entries(shape)) params.push({ name, in: 'path', required: true, schema });
    }
    if (r.query) {
      const q = jsonSchema(r.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        params.push({ name, in: 'query', required: (q.required ?? []).includes(name), schema });
      }
    }
    const needsAuth = r.access !== 'public';
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      tags: [r.tag],
      description: needsAuth ? `Requires ${r.access === 'authenticated' ? 'a logged-in user or enrolled device' : `permission \`${r.access}\``}.` : 'Public.',
      ...(needsAuth ? { security: [{ bearer: [] }] } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } } : {}),
      responses: {
        [r.response.status]: {
          description: r.response.description,
          content:
            'schema' in r.response
              ? { 'application/json': { schema: jsonSchema(r.response.schema, 'output') } }
              : { [r.response.file]: { schema: { type: 'string' } } },
        },
        ...('emptyStatus' in r.response && r.response.emptyStatus ? { [r.response.emptyStatus]: { description: 'nothing to answer' } } : {}),
        '400': {
          description: 'Invalid request: the message names each bad field; nothing was changed.',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
        },
        ...(needsAuth ? { '401': { description: 'Not logged in or not enrolled.' }, '403': { description: 'Role does not allow this.' } } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description: 'Service drive queue hub. Mutating requests take an `idempotencyKey` (body) or `Idempotency-Key` header: a retry returns the first answer.',
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Staff session from POST /api/login, or a device token from POST /api/devices/pair.' },
      },
      schemas: {
        ApiError: {
          type: 'object',
          required: ['error', 'message'],
          properties: {
            error: { type: 'string' },
            message: { type: 'string' },
            issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  };
}

/** A readable page of the same document, served with no external assets. */
export function docsPage(doc: Record<string, unknown>): string {
  const paths = doc.paths as Record<
    string,
    Record<string, { summary: string; description: string; tags: string[]; requestBody?: unknown; parameters?: unknown[]; responses: Record<string, unknown> }>
  >;
  const sections = Object.entries(paths)
    .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })))
    .map(
      ({ path, method, op }) => `<section><h2><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h2>
<p><strong>${escapeHtml(op.summary)}</strong> — ${escapeHtml(op.description)}</p>
${op.parameters ? `<details><summary>Parameters</summary><pre>${escapeHtml(JSON.stringify(op.parameters, null, 2))}</pre></details>` : ''}
${op.requestBody ? `<details open><summary>Request body</summary><pre>${escapeHtml(JSON.stringify(op.requestBody, null, 2))}</pre></details>` : ''}
<details><summary>Responses</summary><pre>${escapeHtml(JSON.stringify(op.responses, null, 2))}</pre></details></section>`,
    )
    .join('\n');
  const info = doc.info as { title: string; version: string; description: string };
  return `<!doctype html><meta charset="utf-8"><title>${escapeHtml(info.title)} API</title>
<style>body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;color:#1b2430}section{border-top:1px solid #ddd;padding:.5em 0}
.m{display:inline-block;min-width:4em;text-align:center;border-radius:4px;color:#fff;font-size:.8em;padding:.2em .4em}.get{background:#1f77b4}.post{background:#2ca02c}
pre{background:#f5f7fa;padding:1em;overflow:auto;font-size:.85em}code{font-size:1.05em}</style>
<h1>${escapeHtml(info.title)} <small>${escapeHtml(info.version)}</small></h1><p>${escapeHtml(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a></p>${sections}`;
}
