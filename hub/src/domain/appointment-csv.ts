/**
 * Reading a DMS/OEM appointment export (issue #16 §1): the bytes in UTF-8 (with or without BOM)
 * or GB18030 (what Excel on a Chinese Windows saves), RFC 4180 fields, Chinese or English
 * headers, and each row checked on its own so one bad row never hides the good ones. Pure.
 */
import iconv from 'iconv-lite';
import { zonedInstant } from '../../../shared/src/appointment-slots.ts';
import { Phone, Plate } from '../../../shared/src/protocol.ts';
import type { ServiceConfig } from '../../../shared/src/services.ts';

export type CsvEncoding = 'utf-8' | 'gb18030';

/** UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312). */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
  }
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

const HEADERS: Record<string, readonly string[]> = {
  code: ['预约号', '预约单号', '预约编号', 'code'],
  service: ['服务', '服务类型', '预约类型', '预约项目', 'service'],
  scheduledAt: ['预约时间', '预约到店时间', '到店时间', 'scheduledat', 'time'],
  date: ['预约日期', 'date'],
  slot: ['预约时段', '时段', 'slot'],
  plate: ['车牌', '车牌号', 'plate'],
  phone: ['电话', '手机', '手机号', '联系电话', 'phone'],
  customerName: ['姓名', '客户', '客户姓名', 'name', 'customername'],
  note: ['备注', 'note'],
};

export interface CsvAppointment {
  /** Line of the file (the header is line 1). */
  row: number;
  code: string | null;
  service: string;
  scheduledAt: string;
  plate: string | null;
  phone: string | null;
  customerName: string | null;
  note: string | null;
}

export interface CsvRowError {
  row: number;
  field: string;
  message: string;
}

/** Each data row as an appointment, or the problems with its fields. */
export function readAppointments(
  text: string,
  store: { services: readonly ServiceConfig[]; timeZone: string },
): { rows: CsvAppointment[]; errors: CsvRowError[] } {
  const [header, ...data] = parseCsv(text);
  if (!header) return { rows: [], errors: [{ row: 1, field: 'header', message: 'the file is empty' }] };
  const column: Record<string, number> = {};
  header.forEach((name, i) => {
    const key = Object.keys(HEADERS).find((k) => HEADERS[k]!.includes(name.trim().toLowerCase()));
    if (key && column[key] === undefined) column[key] = i;
  });
  const missing = ['service', 'plate'].filter((k) => column[k] === undefined);
  if (column.scheduledAt === undefined && (column.date === undefined || column.slot === undefined)) missing.push('scheduledAt');
  if (missing.length) return { rows: [], errors: missing.map((field) => ({ row: 1, field, message: 'column not found in the header' })) };

  const rows: CsvAppointment[] = [];
  const errors: CsvRowError[] = [];
  data.forEach((cells, i) => {
    const row = i + 2;
    const cell = (key: string): string => (column[key] === undefined ? '' : (cells[column[key]!] ?? '').trim());
    const problems: CsvRowError[] = [];
    const serviceText = cell('service');
    const service = store.services.find((s) => s.id === serviceText || Object.values(s.name).includes(serviceText));
    if (!service) problems.push({ row, field: 'service', message: serviceText ? `unknown service ${serviceText}` : 'required' });
    const when = cell('scheduledAt') || `${cell('date')} ${cell('slot')}`.trim();
    const at = localTime(when, store.timeZone);
    if (at === null) problems.push({ row, field: 'scheduledAt', message: when ? `not a date and time: ${when}` : 'required' });
    const plate = Plate.safeParse(cell('plate'));
    if (!plate.success) problems.push({ row, field: 'plate', message: cell('plate') ? `not a valid plate: ${cell('plate')}` : 'required' });
    const phoneText = cell('phone');
    const phone = phoneText ? Phone.safeParse(phoneText) : null;
    if (phone && !phone.success) problems.push({ row, field: 'phone', message: `not a valid mobile number: ${phoneText}` });
    const code = cell('code').toUpperCase();
    if (code && !/^[A-Z0-9]{6,16}$/.test(code)) problems.push({ row, field: 'code', message: `an appointment code is 6–16 letters or digits: ${code}` });
    if (problems.length) return void errors.push(...problems);
    rows.push({
      row,
      code: code || null,
      service: service!.id,
      scheduledAt: new Date(at!).toISOString(),
      plate: plate.data ?? null,
      phone: phone?.success ? phone.data : null,
      customerName: cell('customerName').slice(0, 40) || null,
      note: cell('note').slice(0, 200) || null,
    });
  });
  return { rows, errors };
}

/** `2026-11-24 09:30`, `2026/11/24 9:30` (store time) or an ISO time with offset. */
function localTime(text: string, timeZone: string): number | null {
  if (/T.*([+-]\d\d:?\d\d|Z)$/.test(text)) {
    const at = Date.parse(text);
    return Number.isNaN(at) ? null : at;
  }
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const day = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return zonedInstant(day, h * 60 + mi, timeZone);
}
