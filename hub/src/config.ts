/** The store's settings: embedded defaults, or a JSON file named by `STORE_CONFIG`. */
import { readFileSync } from 'node:fs';
import { DEFAULT_STORE, StoreConfig } from '../../shared/src/services.ts';
import { validationError } from '../../shared/src/validation.ts';

export function loadStoreConfig(file: string | undefined): StoreConfig {
  if (!file) return StoreConfig.parse(DEFAULT_STORE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`STORE_CONFIG ${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const parsed = StoreConfig.safeParse(raw);
  if (!parsed.success) throw new Error(`STORE_CONFIG ${file}: ${validationError(parsed.error, 'config').message}`);
  return parsed.data;
}
