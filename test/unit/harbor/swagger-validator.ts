// A small Swagger 2.0 checker for the Harbor conformance test: matches a recorded exchange to an operation of
// Harbor's official description (basePath /api/v2.0), checks the query and body parameters the client sent and the
// status and body the stand-in answered. Strict on purpose: a property the description does not define is drift.
// Written here because the available tools either ignore basePath or need a network proxy (see docs/harbor-behaviour.md).
import type { RecordedExchange } from '../../support/harbor/rest-standin';

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
};
interface Param {
  name: string;
  in: string;
  type?: string;
  maximum?: number;
  minimum?: number;
  required?: boolean;
  schema?: Schema;
  $ref?: string;
}
interface Operation {
  parameters?: Param[];
  produces?: string[];
  responses: Record<string, { $ref?: string; schema?: Schema; headers?: Record<string, { type: string }> }>;
}
export interface Swagger {
  basePath: string;
  paths: Record<string, Record<string, Operation>>;
  definitions: Record<string, Schema>;
  parameters: Record<string, Param>;
  responses: Record<string, { schema?: Schema; headers?: Record<string, { type: string }> }>;
}

/** Statuses real Harbor returns that its description leaves out (docs/harbor-behaviour.md lists them). */
export const UNDOCUMENTED_BUT_REAL: Array<{ method: string; path: string; status: number }> = [
  { method: 'get', path: '/users/current', status: 412 },
  {
    method: 'post',
    path: '/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/scan',
    status: 412,
  },
  // Harbor's robot handler checks access before listing and refuses duplicates, but the description lists neither.
  { method: 'get', path: '/robots', status: 401 },
  { method: 'get', path: '/robots', status: 403 },
  { method: 'post', path: '/robots', status: 409 },
  // Adding a member by a user name Harbor cannot find (SearchAndOnBoardUser) is a 404.
  { method: 'post', path: '/projects/{project_name_or_id}/members', status: 404 },
  // Harbor's replication handlers look the policy up first (404) and refuse a disabled one (412), undocumented.
  { method: 'post', path: '/replication/executions', status: 404 },
  { method: 'post', path: '/replication/executions', status: 412 },
  { method: 'get', path: '/replication/policies/{id}', status: 404 },
];

export class SwaggerChecker {
  constructor(readonly doc: Swagger) {}

  findOperation(
    method: string,
    rawPath: string,
  ): { template: string; op: Operation; params: Record<string, string> } | undefined {
    if (!rawPath.startsWith(this.doc.basePath + '/')) return undefined;
    const segs = rawPath.slice(this.doc.basePath.length).split('/');
    for (const [template, ops] of Object.entries(this.doc.paths)) {
      const t = template.split('/');
      if (t.length !== segs.length || !ops[method]) continue;
      const params: Record<string, string> = {};
      if (t.every((s, i) => (s.startsWith('{') ? ((params[s.slice(1, -1)] = segs[i]), segs[i] !== '') : s === segs[i])))
        return { template, op: ops[method], params };
    }
    return undefined;
  }

  private param(p: Param): Param {
    return p.$ref ? this.doc.parameters[p.$ref.split('/').pop()!] : p;
  }

  /** Problems with one exchange; [] when it conforms. */
  check(x: RecordedExchange): string[] {
    const problems: string[] = [];
    const method = x.method.toLowerCase();
    const url = new URL(x.rawUrl, 'http://h');
    const found = this.findOperation(method, url.pathname);
    const where = `${x.method} ${x.rawUrl}`;
    if (!found) return [`${where}: no operation in the description`];
    const params = (found.op.parameters ?? []).map((p) => this.param(p));
    for (const [name, value] of url.searchParams) {
      const p = params.find((q) => q.in === 'query' && q.name === name);
      if (!p) {
        problems.push(`${where}: query parameter "${name}" is not defined`);
        continue;
      }
      if (p.type === 'integer' && !/^-?\d+$/.test(value)) problems.push(`${where}: ${name}=${value} is not an integer`);
      if (p.type === 'boolean' && !/^(true|false)$/.test(value))
        problems.push(`${where}: ${name}=${value} is not a boolean`);
      if (p.maximum !== undefined && Number(value) > p.maximum)
        problems.push(`${where}: ${name}=${value} exceeds the maximum ${p.maximum}`);
    }
    const body = params.find((p) => p.in === 'body');
    if (x.requestBody && body?.schema)
      problems.push(...this.validate(JSON.parse(x.requestBody), body.schema, `${where} request body`));
    if (x.requestBody && !body) problems.push(`${where}: sends a body the operation does not take`);
    let response = found.op.responses[String(x.status)];
    if (!response) {
      if (UNDOCUMENTED_BUT_REAL.some((u) => u.method === method && u.path === found.template && u.status === x.status))
        response = { $ref: `#/responses/${x.status}` };
      else return [...problems, `${where}: status ${x.status} is not a documented response`];
    }
    const resolved = response.$ref ? this.doc.responses[response.$ref.split('/').pop()!] : response;
    // Harbor writes an artifact's additions (the vulnerability report) verbatim as JSON; the description types that
    // body as a plain string, so there is no shape to hold it to.
    const verbatim = resolved.schema?.type === 'string' && /^\s*[{[]/.test(x.responseBody);
    // An operation that produces text (a replication task's log) answers text, never JSON.
    const text = !!found.op.produces?.includes('text/plain') && x.status < 300;
    if (text && !/^text\/plain/.test(x.responseHeaders['Content-Type'] ?? ''))
      problems.push(`${where}: answers ${x.responseHeaders['Content-Type']} where the description produces text/plain`);
    if (resolved.schema && x.responseBody && !verbatim && !text)
      problems.push(...this.validate(JSON.parse(x.responseBody), resolved.schema, `${where} → ${x.status}`));
    for (const [h, spec] of Object.entries(resolved.headers ?? {})) {
      const v = x.responseHeaders[h];
      if (v !== undefined && spec.type === 'integer' && !/^\d+$/.test(v))
        problems.push(`${where}: header ${h}=${v} is not an integer`);
    }
    return problems;
  }

  validate(value: unknown, schema: Schema, at: string): string[] {
    if (schema.$ref) return this.validate(value, this.doc.definitions[schema.$ref.split('/').pop()!], at);
    if (value === null) return schema['x-nullable'] ? [] : [`${at}: null where the description allows none`];
    const type = schema.type ?? (schema.properties ? 'object' : undefined);
    const out: string[] = [];
    switch (type) {
      case 'object': {
        if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected an object`];
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          const prop = schema.properties?.[k];
          if (prop) out.push(...this.validate(v, prop, `${at}.${k}`));
          else if (typeof schema.additionalProperties === 'object')
            out.push(...this.validate(v, schema.additionalProperties, `${at}.${k}`));
          else if (schema.properties) out.push(`${at}.${k}: property not in the description`);
        }
        for (const r of (schema.required as string[] | undefined) ?? [])
          if (!(r in (value as object))) out.push(`${at}.${r}: required`);
        return out;
      }
      case 'array':
        if (!Array.isArray(value)) return [`${at}: expected an array`];
        return value.flatMap((v, i) => (schema.items ? this.validate(v, schema.items, `${at}[${i}]`) : []));
      case 'integer':
        return Number.isInteger(value) ? [] : [`${at}: expected an integer, got ${JSON.stringify(value)}`];
      case 'number':
        return typeof value === 'number' ? [] : [`${at}: expected a number`];
      case 'boolean':
        return typeof value === 'boolean' ? [] : [`${at}: expected a boolean, got ${JSON.stringify(value)}`];
      case 'string':
        if (typeof value !== 'string') return [`${at}: expected a string, got ${JSON.stringify(value)}`];
        if (Array.isArray(schema.enum) && !schema.enum.includes(value))
          return [`${at}: "${value}" is not one of ${schema.enum.join(', ')}`];
        if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) return [`${at}: not a date-time`];
        if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
          return [`${at}: longer than ${schema.maxLength}`];
        return [];
      default:
        return [];
    }
  }
}
