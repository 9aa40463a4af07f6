import { describe, expect, it } from 'vitest';
import { isValidPhone, isValidPlate, maskPhone, maskPlate, normalizePhone, normalizePlate } from './plate.ts';

describe('plates', () => {
  it('normalises case and separators', () => {
    expect(normalizePlate(' 粤b·123 45 ')).toBe('粤B12345');
  });

  it.each(['粤B12345', '京A8888D', '沪AD12345', '粤BF12345', '川A1234学'])('accepts %s', (plate) => {
    expect(isValidPlate(plate)).toBe(true);
  });

  it.each(['', 'B12345', '粤B1234', '粤B123456789', 'XXB12345', '粤I12345', '粤B1234O'])('rejects %s', (plate) => {
    expect(isValidPlate(plate)).toBe(false);
  });

  it('masks all but the region and the last two characters', () => {
    expect(maskPlate('粤B12345')).toBe('粤B·***45');
    expect(maskPlate('沪AD12345')).toBe('沪A·****45');
    expect(maskPlate('粤b 12345')).toBe('粤B·***45');
  });
});

describe('phones', () => {
  it('normalises +86 and separators, validates mainland mobiles', () => {
    expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(isValidPhone('13812345678')).toBe(true);
    expect(isValidPhone('12812345678')).toBe(false);
    expect(isValidPhone('1381234567')).toBe(false);
  });

  it('masks the middle digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
