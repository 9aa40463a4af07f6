/** Splits the progress board into pages that fit the screen. Pure. */
export function pageCount(items: number, perPage: number): number {
  return Math.max(1, Math.ceil(items / Math.max(1, perPage)));
}

export function pageOf<T>(items: readonly T[], perPage: number, page: number): T[] {
  const size = Math.max(1, perPage);
  const index = ((page % pageCount(items.length, size)) + pageCount(items.length, size)) % pageCount(items.length, size);
  return items.slice(index * size, index * size + size);
}

/** How many board rows fit in a height, leaving room for the heading. */
export function rowsThatFit(boardHeightPx: number, rowHeightPx: number): number {
  return Math.max(1, Math.floor((boardHeightPx - rowHeightPx) / rowHeightPx));
}
