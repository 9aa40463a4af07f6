import { describe, expect, it } from 'vitest';
import { greetingName } from './customer-name.ts';

describe('greetingName: how a screen may address a customer', () => {
  it('a full name becomes surname and a polite title, never the given name', () => {
    expect(greetingName('王建国')).toBe('王先生/女士');
    expect(greetingName('欧阳娜娜')).toBe('欧阳先生/女士'); // a compound surname stays whole
  });
  it('a name already written as surname and title is kept as it is', () => {
    expect(greetingName('王先生')).toBe('王先生');
    expect(greetingName('李女士')).toBe('李女士');
    expect(greetingName(' 张小姐 ')).toBe('张小姐');
  });
  it('a Latin name keeps only the family name; nothing usable gives nothing', () => {
    expect(greetingName('John Smith')).toBe('Smith');
    expect(greetingName('')).toBeNull();
    expect(greetingName(null)).toBeNull();
    expect(greetingName('13800138000')).toBeNull();
  });
});
