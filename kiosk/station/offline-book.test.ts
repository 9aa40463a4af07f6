import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OfflineBook } from './offline-book.ts';

describe('OfflineBook', () => {
  it('hands out each reserved number once, and keeps pending tickets across a restart', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'book-')), 'offline.sqlite');
    const book = new OfflineBook(file);
    book.saveBlocks([{ businessDay: '2026-11-24', prefix: 'A', first: 1, last: 2 }]);
    expect(book.needsBlocks('2026-11-24', ['A'])).toBe(false);
    expect(book.needsBlocks('2026-11-24', ['A', 'B'])).toBe(true);
    expect([book.take('2026-11-24', 'A'), book.take('2026-11-24', 'A'), book.take('2026-11-24', 'A')]).toEqual([1, 2, null]);
    book.record({ number: 'A001', service: 'maintenance', issuedAt: '2026-11-24T02:00:00.000Z', idempotencyKey: 'offline-1' });
    book.close();
    const again = new OfflineBook(file);
    expect(again.pending().map((p) => p.number)).toEqual(['A001']);
    expect(again.take('2026-11-24', 'A')).toBeNull();
    again.markSynced('offline-1');
    expect(again.pending()).toEqual([]);
    again.close();
  });
});
