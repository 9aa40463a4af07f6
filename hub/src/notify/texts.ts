/**
 * What each message says. Pure. Short (one SMS segment where it can), with the store's name
 * and a masked plate; never a full plate, a full phone or a name (个人信息保护法).
 */
import type { Language } from '../../../shared/src/i18n.ts';
import { maskPlate } from '../../../shared/src/plate.ts';
import type { CustomerMessageType } from './policy.ts';

export interface CustomerFacts {
  store: string;
  /** Full plate, masked here; null when the visit has none. */
  plate: string | null;
  ticketNumber?: string | null;
  counter?: string | null;
  link?: string | null;
  /** An appointment's slot in the store's zone, its service's name and its code. */
  slot?: { month: number; day: number; clock: string } | null;
  service?: string | null;
  code?: string | null;
  /** People ahead of a ticket (the near notice). */
  ahead?: number | null;
}

interface Filled {
  store: string;
  plate: string;
  number: string;
  counter: string;
  link: string;
  when: string;
  service: string;
  code: string;
  ahead: string;
}
type Template = (f: Filled) => string;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const CUSTOMER: Record<Language, Record<CustomerMessageType, Template>> = {
  'zh-CN': {
    'ticket.called': (f) => `【${f.store}】您的号码 ${f.number} 已叫到，请到${f.counter || '服务台'}办理。`,
    'ticket.near': (f) => `【${f.store}】您的号码 ${f.number} 前面还有 ${f.ahead} 位，请回到服务区留意叫号。`,
    'job.approval-needed': (f) => `【${f.store}】您的车辆 ${f.plate} 检查发现增项，请查看价格并确认：${f.link}`,
    'job.ready': (f) => `【${f.store}】您的车辆 ${f.plate} 车辆已完工，可以取车。`,
    'job.delivered': (f) => `【${f.store}】您的车辆 ${f.plate} 已交车，感谢光临！请为本次服务评价：${f.link}`,
    'appointment.confirmed': (f) => `【${f.store}】您已预约 ${f.when} ${f.service}${f.plate ? `，车辆 ${f.plate}` : ''}，预约码 ${f.code}。`,
    'appointment.reminder': (f) => `【${f.store}】提醒：您预约了 ${f.when} ${f.service}${f.plate ? `（车辆 ${f.plate}）` : ''}，请准时到店。`,
  },
  'zh-TW': {
    'ticket.called': (f) => `【${f.store}】您的號碼 ${f.number} 已叫到，請到${f.counter || '服務台'}辦理。`,
    'ticket.near': (f) => `【${f.store}】您的號碼 ${f.number} 前面還有 ${f.ahead} 位，請回到服務區留意叫號。`,
    'job.approval-needed': (f) => `【${f.store}】您的車輛 ${f.plate} 檢查發現增項，請查看價格並確認：${f.link}`,
    'job.ready': (f) => `【${f.store}】您的車輛 ${f.plate} 車輛已完工，可以取車。`,
    'job.delivered': (f) => `【${f.store}】您的車輛 ${f.plate} 已交車，感謝光臨！請為本次服務評價：${f.link}`,
    'appointment.confirmed': (f) => `【${f.store}】您已預約 ${f.when} ${f.service}${f.plate ? `，車輛 ${f.plate}` : ''}，預約碼 ${f.code}。`,
    'appointment.reminder': (f) => `【${f.store}】提醒：您預約了 ${f.when} ${f.service}${f.plate ? `（車輛 ${f.plate}）` : ''}，請準時到店。`,
  },
  en: {
    'ticket.called': (f) => `${f.store}: number ${f.number} is called, please go to ${f.counter || 'the front desk'}.`,
    'ticket.near': (f) => `${f.store}: number ${f.number} has ${f.ahead} ahead. Please come back to the service area.`,
    'job.approval-needed': (f) => `${f.store}: we found additional work on ${f.plate}. Please see the prices and answer: ${f.link}`,
    'job.ready': (f) => `${f.store}: ${f.plate} is ready for pickup.`,
    'job.delivered': (f) => `${f.store}: thank you for visiting! Please rate our service for ${f.plate}: ${f.link}`,
    'appointment.confirmed': (f) => `${f.store}: your ${f.service} appointment${f.plate ? ` for ${f.plate}` : ''} is booked for ${f.when}, code ${f.code}.`,
    'appointment.reminder': (f) => `${f.store}: reminder, your ${f.service} appointment${f.plate ? ` for ${f.plate}` : ''} is at ${f.when}. See you then.`,
  },
};

export function customerText(type: CustomerMessageType, language: Language, facts: CustomerFacts): string {
  const slot = facts.slot;
  const when = !slot ? '' : language === 'en' ? `${slot.day} ${MONTHS[slot.month - 1]} ${slot.clock}` : `${slot.month}月${slot.day}日 ${slot.clock}`;
  return CUSTOMER[language][type]({
    store: facts.store,
    plate: facts.plate ? maskPlate(facts.plate) : '',
    number: facts.ticketNumber ?? '',
    counter: facts.counter ?? '',
    link: facts.link ?? '',
    when,
    service: facts.service ?? '',
    code: facts.code ?? '',
    ahead: facts.ahead === null || facts.ahead === undefined ? '' : String(facts.ahead),
  });
}

/** Variables of the approved SMS templates (China requires templates): masked plate, number, counter, link. */
export function templateParams(facts: CustomerFacts): Record<string, string> {
  const params: Record<string, string> = {};
  if (facts.plate) params.plate = maskPlate(facts.plate);
  if (facts.ticketNumber) params.number = facts.ticketNumber;
  if (facts.counter) params.counter = facts.counter;
  if (facts.link) params.link = facts.link;
  if (facts.slot) params.time = `${facts.slot.month}月${facts.slot.day}日 ${facts.slot.clock}`;
  if (facts.service) params.service = facts.service;
  if (facts.code) params.code = facts.code;
  if (facts.ahead !== null && facts.ahead !== undefined) params.ahead = String(facts.ahead);
  return params;
}

/** Staff alerts for the WeCom group robot (zh-CN: the store's working language). */
export function staffAlertText(store: string, kind: string, subject: Record<string, string | number>): string | null {
  switch (kind) {
    case 'preinspection_congestion':
      return `【${store}】预检区拥堵：${subject.vehicles} 辆车等候（提醒线 ${subject.limit} 辆），请服务经理协调。`;
    case 'preinspection_dwell':
      return `【${store}】车辆 ${String(subject.plate)} 在预检区已停留 ${subject.minutes} 分钟，请服务经理关注。`;
    case 'printer_fault':
      return `【${store}】打印机故障：${String(subject.detail)}`;
    case 'complaint_overdue':
      return `【${store}】投诉案例 ${String(subject.caseId)}${subject.plate ? `（${String(subject.plate)}）` : ''}已过承诺回复时间，仍未联系客户，请服务经理跟进。`;
    case 'complaint':
      return `【${store}】投诉客户已取号 ${String(subject.number)}，请优先接待。`;
    default:
      return null;
  }
}
