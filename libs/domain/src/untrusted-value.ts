/** Small helpers for reading untrusted (parsed JSON) values and describing them in messages. */

/**
 * An object literal or parsed JSON object: not null, not an array, not a class instance. Its
 * prototype may be `Object.prototype` of another realm (structuredClone, a worker, a vm context).
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** A short description of a value for an error message: `the text "4"`, `a list`, `null`… */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text "${truncate(value)}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

export function truncate(text: string, length = 40): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
