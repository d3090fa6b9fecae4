import { z } from 'zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { policies, type PolicyName } from '../access/policies.js';
import { parseOrThrow } from '../http/validation.js';
import {
  conflictProblemSchema,
  problemResponses,
  problemSchema,
  requireJsonBody,
  validationProblemSchema,
} from './problem.js';

/**
 * The JSON API's routes are declared once, as operations: the same zod schema validates the request
 * body and becomes the OpenAPI document's JSON Schema (zod 4's z.toJSONSchema), so the document
 * cannot drift from what the server accepts. Register with `apiRoute`; `registerApiDocs` serves
 * GET /api/v1/openapi.json.
 */
type JsonSchema = Record<string, unknown>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiOperation<S extends z.ZodType = z.ZodType> {
  method: Method;
  /** Fastify style, e.g. '/api/v1/people/:id'. */
  url: string;
  policy: PolicyName;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  body?: {
    /** Component name in the document. */
    name: string;
    schema: S;
    /** Extra JSON Schema per property that zod cannot express (e.g. a refinement's allowed codes). */
    hints?: Record<string, JsonSchema>;
    /** Build the value to validate (default: the parsed JSON body), e.g. to fold in an If-Match header. */
    from?: (request: FastifyRequest) => unknown;
  };
  success: {
    status: number;
    description: string;
    name?: string;
    schema?: z.ZodType;
    headers?: Record<string, string>;
    /** Other success statuses with the same body, e.g. { 200: 'Already recorded' } beside a 201. */
    also?: Record<number, string>;
  };
  /** Problem statuses this operation can answer with (see problem.ts). */
  problems: readonly number[];
}

type Handler<S extends z.ZodType> = (
  request: FastifyRequest,
  body: z.output<S>,
  reply: FastifyReply,
) => Promise<unknown>;

const operations = new WeakMap<FastifyInstance, ApiOperation[]>();

function operationsOf(app: FastifyInstance): ApiOperation[] {
  let list = operations.get(app);
  if (!list) operations.set(app, (list = []));
  return list;
}

/** Register an API route and document it. The body, if any, is parsed as JSON and validated first. */
export function apiRoute<S extends z.ZodType>(app: FastifyInstance, op: ApiOperation<S>, handler: Handler<S>): void {
  operationsOf(app).push(op as unknown as ApiOperation);
  app.route({
    method: op.method,
    url: op.url,
    config: { policy: op.policy },
    handler: async (request, reply) => {
      let body: unknown;
      if (op.body) {
        requireJsonBody(request);
        body = parseOrThrow(op.body.schema, op.body.from ? op.body.from(request) : request.body);
      }
      const result = await handler(request, body as z.output<S>, reply);
      // A handler that answers with another documented status (e.g. 200 for a repeated create) has sent already.
      if (reply.sent) return reply;
      return reply.code(op.success.status).send(result);
    },
  });
}

export function registerApiDocs(app: FastifyInstance): void {
  let document: JsonSchema | undefined;
  apiRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/openapi.json',
      policy: 'public',
      operationId: 'getOpenApi',
      tag: 'API',
      summary: 'This document: the OpenAPI 3.1 description of the API',
      success: {
        status: 200,
        description: 'The OpenAPI document',
        name: 'OpenApiDocument',
        schema: z.record(z.string(), z.unknown()),
      },
      problems: [],
    },
    // Built on first request, when every module has registered its routes.
    async () => (document ??= buildOpenApi(operationsOf(app))),
  );
}

/** The OpenAPI 3.1 document for the given operations. */
export function buildOpenApi(ops: readonly ApiOperation[]): JsonSchema {
  const schemas = componentSchemas(ops);
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of ops) {
    const path = op.url.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[op.method.toLowerCase()] = operation(op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Transforming Lives API',
      version: '1',
      description:
        'People, their networks and their CLD events. Partner systems authenticate with a bearer token whose scopes ' +
        '(people:read, people:write, events:write) decide what it may do; staff browser sessions may also call the API, ' +
        'sending the x-csrf-token header on writes. Errors are RFC 9457 problem documents. Search words go in a POST ' +
        'body, never in a URL. Every person returned is recorded in the audit log.',
    },
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'A partner API token issued by an administrator' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'tl_session',
          description: 'A signed-in member of staff; writes also need the x-csrf-token header',
        },
      },
    },
  };
}

/** The request and response bodies the operations name, and the problem documents, as named components. */
function componentSchemas(ops: readonly ApiOperation[]): Record<string, JsonSchema> {
  const inputs = z.registry<{ id: string }>();
  const outputs = z.registry<{ id: string }>();
  const add = (registry: typeof inputs, name: string, schema: z.ZodType) => {
    const existing = registry.get(schema);
    if (existing && existing.id !== name) throw new Error(`Schema registered as both ${existing.id} and ${name}`);
    if (!existing) registry.add(schema, { id: name });
  };
  add(outputs, 'Problem', problemSchema);
  add(outputs, 'ValidationProblem', validationProblemSchema);
  add(outputs, 'ConflictProblem', conflictProblemSchema);
  for (const op of ops) {
    if (op.body) add(inputs, op.body.name, op.body.schema);
    if (op.success.schema && op.success.name) add(outputs, op.success.name, op.success.schema);
  }
  const uri = (id: string) => `#/components/schemas/${id}`;
  const requests = z.toJSONSchema(inputs, {
    io: 'input',
    uri,
    unrepresentable: 'any',
    override: requiredOnlyIfNeeded,
  }).schemas;
  const responses = z.toJSONSchema(outputs, { io: 'output', uri, unrepresentable: 'any' }).schemas;
  for (const op of ops) if (op.body?.hints) applyHints(requests[op.body.name] as JsonSchema, op.body.hints);
  const schemas: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries({ ...requests, ...responses })) {
    if (Object.hasOwn(requests, name) && Object.hasOwn(responses, name))
      throw new Error(`Schema name ${name} used for a request and a response`);
    // Components live inside the document: their own $schema/$id would be wrong there.
    const { $schema: _s, $id: _i, ...rest } = schema as JsonSchema;
    schemas[name] = rest;
  }
  return schemas;
}

function operation(op: ApiOperation): JsonSchema {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const policy: { public?: true; scopes?: readonly string[]; description: string } = policies[op.policy];
  const params = [...op.url.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string', format: 'uuid' },
  }));
  const success: JsonSchema = { description: op.success.description };
  if (op.success.name) success.content = { 'application/json': { schema: ref(op.success.name) } };
  if (op.success.headers) {
    success.headers = Object.fromEntries(
      Object.entries(op.success.headers).map(([h, description]) => [h, { description, schema: { type: 'string' } }]),
    );
  }
  const responses: Record<string, JsonSchema> = { [String(op.success.status)]: success };
  for (const [status, description] of Object.entries(op.success.also ?? {}))
    responses[status] = { ...success, description };
  for (const status of policy.public ? op.problems : [401, 403, ...op.problems]) {
    const problem = problemResponses[status];
    if (!problem) throw new Error(`No standard problem response for ${status}`);
    responses[String(status)] = {
      description: problem.description,
      content: { 'application/problem+json': { schema: ref(problem.name) } },
    };
  }
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    // OpenAPI 3.1 lets a non-OAuth scheme list the "roles" it needs: here, the token scopes.
    security: policy.public ? [] : [{ bearerAuth: [...(policy.scopes ?? [])] }, { sessionCookie: [] }],
    ...(params.length ? { parameters: params } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: ref(op.body.name) } } } }
      : {}),
    responses,
  };
}

/**
 * In input mode zod lists a field as required when its inner schema is, even if a preprocess step
 * turns a missing value into null. What matters to a caller is whether the field may be left out,
 * so ask the schema itself.
 */
function requiredOnlyIfNeeded(ctx: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }): void {
  if (!(ctx.zodSchema instanceof z.ZodObject)) return;
  const shape = ctx.zodSchema.shape as Record<string, z.ZodType>;
  const required = Object.keys(shape).filter((key) => !shape[key]!.safeParse(undefined).success);
  if (required.length) ctx.jsonSchema.required = required;
  else delete ctx.jsonSchema.required;
}

/** Merge hints into properties; for a nullable property, into its non-null branch. */
function applyHints(schema: JsonSchema, hints: Record<string, JsonSchema>): void {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  for (const [field, hint] of Object.entries(hints)) {
    const property = properties?.[field];
    if (!property) throw new Error(`Hint for unknown field ${field}`);
    const anyOf = property.anyOf as JsonSchema[] | undefined;
    const target = anyOf?.find((branch) => branch.type !== 'null') ?? property;
    const nullable = Array.isArray(target.type) && target.type.includes('null');
    Object.assign(target, hint, nullable && Array.isArray(hint.enum) ? { enum: [...hint.enum, null] } : {});
  }
}
