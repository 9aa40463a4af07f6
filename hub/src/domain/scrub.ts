/**
 * What retention leaves of a stored record (个人信息保护法). Pure: phone numbers removed, plates
 * masked to the region and last two characters, names reduced to a placeholder — in any JSON
 * a store keeps (event payloads, audit details, stored replies), however deeply nested.
 */
import { maskPlate } from '../../../shared/src/plate.ts';

/** Keys that hold a phone number, a plate, or a name, wherever they appear. */
const PHONE_KEYS = new Set(['phone']);
const PLATE_KEYS = new Set(['plate']);
const NAME_KEYS = new Set(['surname', 'customerName', 'customer', 'customer_name']);

export const NAME_PLACEHOLDER = '*';

/** A plate after retention: `粤B·***21`; an already masked one stays as it is. */
export function retainedPlate(plate: string): string {
  return plate.includes('·') ? plate : maskPlate(plate);
}

export function scrubValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrubValue);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (PHONE_KEYS.has(key) && typeof v === 'string') out[key] = null;
    else if (PLATE_KEYS.has(key) && typeof v === 'string') out[key] = retainedPlate(v);
    else if (NAME_KEYS.has(key) && typeof v === 'string') out[key] = NAME_PLACEHOLDER;
    else out[key] = scrubValue(v);
  }
  return out;
}

/** Scrubs a stored JSON text; text that is not JSON is returned unchanged. */
export function scrubJson(text: string | null): string | null {
  if (text === null) return null;
  try {
    return JSON.stringify(scrubValue(JSON.parse(text)));
  } catch {
    return text;
  }
}
