import { describe, expect, it } from 'vitest';
import { pageCount, pageOf, rowsThatFit } from './paging.ts';

describe('progress board paging', () => {
  const cars = Array.from({ length: 11 }, (_, i) => i);
  it('pages through every vehicle and wraps around', () => {
    expect(pageCount(11, 5)).toBe(3);
    expect(pageOf(cars, 5, 0)).toEqual([0, 1, 2, 3, 4]);
    expect(pageOf(cars, 5, 2)).toEqual([10]);
    expect(pageOf(cars, 5, 3)).toEqual([0, 1, 2, 3, 4]);
  });
  it('has one page when everything fits or nothing is there', () => {
    expect(pageCount(0, 5)).toBe(1);
    expect(pageOf([], 5, 4)).toEqual([]);
  });
  it('fits rows under the heading', () => {
    expect(rowsThatFit(600, 100)).toBe(5);
    expect(rowsThatFit(50, 100)).toBe(1);
  });
});
