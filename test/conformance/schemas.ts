import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';

/**
 * The ORUK 3.0 JSON Schemas (vendored in src/modules/oruk-api/spec/schema/), compiled with ajv the way
 * the official validator's Newtonsoft.Json.Schema checks them (README §5, §8): JSON Schema 2020-12,
 * formats asserted, unknown keywords ignored. Each schema is registered under its published id, so
 * the absolute `$ref`s to https://openreferraluk.org/specifications/3.0/schema/… resolve offline.
 * Two formats are tightened to .NET's rules: `uuid` is only the hyphenated 8-4-4-4-12 "D" form (ajv
 * also takes a `urn:uuid:` prefix), and `uri` must be absolute with no unescaped spaces or brackets.
 */
const SCHEMA_DIR = new URL('../../src/modules/oruk-api/spec/schema/', import.meta.url);
const SCHEMA_BASE = 'https://openreferraluk.org/specifications/3.0/schema/';

export type OrukSchemaName =
  | 'api_details'
  | 'service'
  | 'service_list'
  | 'taxonomy'
  | 'taxonomy_list'
  | 'taxonomy_term'
  | 'taxonomy_term_list'
  | 'service_at_location'
  | 'service_at_location_list'
  | 'organization'
  | 'organization_list';

// ajv-formats is CommonJS with a default export; under NodeNext its type is the module object.
const addFormats = addFormatsImport as unknown as (ajv: Ajv2020) => Ajv2020;

const GUID_D_FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isAbsoluteUri(value: string): boolean {
  if (/[\s<>"{}|\\^`]/.test(value) || !/^[a-z][a-z\d+.-]*:/i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function build(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('uuid', GUID_D_FORM);
  ajv.addFormat('uri', isAbsoluteUri);
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(new URL(file, SCHEMA_DIR), 'utf8')) as Record<string, unknown>;
    ajv.addSchema({ ...schema, $id: `${SCHEMA_BASE}${file}` });
  }
  return ajv;
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<OrukSchemaName, ValidateFunction>();

export function validatorFor(name: OrukSchemaName): ValidateFunction {
  ajv ??= build();
  let validate = compiled.get(name);
  if (!validate) {
    validate = ajv.getSchema(`${SCHEMA_BASE}${name}.json`);
    if (!validate) throw new Error(`No ORUK schema ${name}`);
    compiled.set(name, validate);
  }
  return validate;
}

/** Schema errors as short readable lines ('/contents/0/url must match format "uri"'), none if valid. */
export function schemaErrors(name: OrukSchemaName, body: unknown): string[] {
  const validate = validatorFor(name);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
