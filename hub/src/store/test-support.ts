/** Test helpers for the hub's storage: a real SQLite file, a manual clock, known actors. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STORE, StoreConfig, type StoreConfigInput } from '../../../shared/src/services.ts';
import type { Actor } from '../auth.ts';
import { openDatabase, type Db } from '../db/database.ts';
import type { Clock } from './context.ts';
import { HubStore } from './hub-store.ts';

export class ManualClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
  set(iso: string): void {
    this.at = new Date(iso);
  }
}

export const advisor: Extract<Actor, { kind: 'staff' }> = { kind: 'staff', id: 1, name: 'Li', role: 'advisor' };
export const kiosk: Extract<Actor, { kind: 'device' }> = { kind: 'device', id: 1, name: 'kiosk 1', role: 'kiosk' };

export interface TestHub {
  file: string;
  db: Db;
  clock: ManualClock;
  store: HubStore;
  key: () => string;
  reopen: () => void;
}

let keys = 0;

/** 09:00 in Shanghai on 2026-11-24 unless told otherwise. */
export function testHub(config: Partial<StoreConfigInput> = {}, start = '2026-11-24T01:00:00Z'): TestHub {
  const file = join(mkdtempSync(join(tmpdir(), 'hub-store-')), 'hub.sqlite');
  const parsed = StoreConfig.parse({ ...DEFAULT_STORE, ...config });
  const clock = new ManualClock(new Date(start));
  const hub: TestHub = {
    file,
    db: openDatabase(file),
    clock,
    store: undefined as unknown as HubStore,
    key: () => `test-key-${++keys}`,
    reopen() {
      hub.db.close();
      hub.db = openDatabase(file);
      hub.store = new HubStore(hub.db, parsed, clock);
    },
  };
  hub.store = new HubStore(hub.db, parsed, clock);
  return hub;
}
