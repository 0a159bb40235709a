import type { StandardSchemaV1 } from '@standard-schema/spec';
import { StoreError, type StoreErrorCode } from './store-error.js';

/** Any Standard Schema validator (zod, valibot, arktype…) whose output is `T`. */
export type Schema<T> = StandardSchemaV1<unknown, T>;

/**
 * Runs a Standard Schema validator synchronously (spec: https://standardschema.dev) and returns
 * the value itself: the schema checks, it does not transform (valibot's and zod's records, for
 * one, drop keys such as `constructor` from their output, which are plain keys of a store).
 *
 * @throws StoreError `code` with the issues (path: message) in the message, when the value is
 *   refused; `TESSERA_STORE_SCHEMA_ASYNC` when the validator returns a Promise (a store applies
 *   every change synchronously: use a synchronous schema).
 */
export function validate<T>(schema: Schema<T> | undefined, value: unknown, storeId: string, code: StoreErrorCode, what: string): T {
  if (!schema) return value as T;
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) throw new StoreError('TESSERA_STORE_SCHEMA_ASYNC', storeId, `the ${what} schema is asynchronous; give a synchronous one`);
  if (result.issues) {
    const issues = result.issues.map((issue) => `${issue.path?.map((p) => String(typeof p === 'object' ? p.key : p)).join('.') || '(root)'}: ${issue.message}`);
    throw new StoreError(code, storeId, `${what} refused by its schema: ${issues.join('; ')}`);
  }
  return value as T;
}
