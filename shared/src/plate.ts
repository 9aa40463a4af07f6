/**
 * Chinese licence plates and phone numbers: normalising, validating, and masking them for
 * public screens (DESIGN.md §3: customer data is confidential).
 */

/** Province abbreviations that start a civilian plate. */
export const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

// Ordinary plates: province + issuing-office letter + 5 characters (7 in all).
// New-energy plates: province + letter + 6 characters (8 in all). I and O are not used.
const ORDINARY = new RegExp(`^[${PROVINCES}][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]$`);
const NEW_ENERGY = new RegExp(`^[${PROVINCES}][A-HJ-NP-Z][A-HJ-NP-Z0-9]{6}$`);

/** Upper-cases and removes the separators people type or print (space, dot, middle dot). */
export function normalizePlate(raw: string): string {
  return raw.toUpperCase().replace(/[\s.·•-]/g, '');
}

export function isValidPlate(normalized: string): boolean {
  return ORDINARY.test(normalized) || NEW_ENERGY.test(normalized);
}

/** `粤B12345` → `粤B·***45`; keeps the region and the last two characters only. */
export function maskPlate(plate: string): string {
  const chars = Array.from(normalizePlate(plate));
  if (chars.length < 4) return '*'.repeat(chars.length);
  const hidden = chars.length - 4;
  return `${chars[0]}${chars[1]}·${'*'.repeat(hidden)}${chars.slice(-2).join('')}`;
}

const MOBILE = /^1[3-9]\d{9}$/;

export function normalizePhone(raw: string): string {
  return raw.replace(/[\s\-()]/g, '').replace(/^\+?86/, '');
}

export function isValidPhone(normalized: string): boolean {
  return MOBILE.test(normalized);
}

/** `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  const p = normalizePhone(phone);
  if (p.length < 7) return '*'.repeat(p.length);
  return `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}`;
}
