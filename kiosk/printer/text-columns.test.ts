import { describe, expect, it } from 'vitest';
import { columns, wrapColumns } from './text-columns.ts';

describe('columns', () => {
  it('counts CJK as two columns', () => {
    expect(columns('A012')).toBe(4);
    expect(columns('保养')).toBe(4);
    expect(columns('4S店')).toBe(4);
  });
});

describe('wrapColumns', () => {
  it('wraps Latin text between words', () => {
    expect(wrapColumns('Please wait in the lounge until called', 16)).toEqual(['Please wait in', 'the lounge until', 'called']);
  });

  it('wraps CJK text between any characters', () => {
    const lines = wrapColumns('请在休息区等候叫号，过号请到前台', 10);
    expect(lines.every((l) => columns(l) <= 10)).toBe(true);
    expect(lines.join('')).toBe('请在休息区等候叫号，过号请到前台');
  });

  it('cuts a word longer than the line', () => {
    expect(wrapColumns('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});
