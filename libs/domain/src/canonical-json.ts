import { isPlainObject } from './untrusted-value.js';

/**
 * Canonical JSON, after RFC 8785 (JSON Canonicalization Scheme): object keys sorted by UTF-16 code
 * units, no whitespace, numbers and strings serialized as ECMAScript's JSON.stringify does. Two
 * values that are equal as JSON have the same canonical text, whatever their key order, which is
 * what a content hash needs.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, '$');
}

function serialize(value: unknown, at: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${String(value)} at ${at} is not a JSON number`);
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item, index) => serialize(item, `${at}[${index}]`)).join(',')}]`;
      }
      if (!isPlainObject(value)) throw new TypeError(`canonicalJson: the object at ${at} is not a plain object`);
      const record = value;
      const members: string[] = [];
      for (const key of Object.keys(record).sort()) {
        const member = record[key];
        // As JSON.stringify does, a property whose value is undefined is absent.
        if (member === undefined) continue;
        members.push(`${JSON.stringify(key)}:${serialize(member, `${at}.${key}`)}`);
      }
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: ${typeof value} at ${at} has no JSON form`);
  }
}

/** SHA-256 of the UTF-8 bytes of `text`, lower-case hex. Web Crypto: same code in Node and browsers. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
