/**
 * Every string a customer or advisor reads, in the three store languages. Simplified Chinese
 * is the source; the others must define every key (checked by the type system).
 * i18next does the lookup, interpolation and fallback.
 */
import i18next, { type TFunction } from 'i18next';

export const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };

const zhCN = {
  'kiosk.welcome': '欢迎光临',
  'kiosk.chooseService': '请选择服务项目',
  'kiosk.details': '登记车辆信息（可选）',
  'kiosk.plate': '车牌号',
  'kiosk.platePlaceholder': '例如 粤B12345',
  'kiosk.phone': '手机号',
  'kiosk.phonePlaceholder': '11 位手机号',
  'kiosk.plateInvalid': '车牌号格式不正确，例如 粤B12345 或新能源 粤BD12345',
  'kiosk.phoneInvalid': '请输入以 1 开头的 11 位手机号',
  'kiosk.skip': '跳过',
  'kiosk.next': '下一步',
  'kiosk.back': '返回',
  'kiosk.confirm': '确认取号',
  'kiosk.confirmTitle': '请确认',
  'kiosk.service': '服务项目',
  'kiosk.none': '未填写',
  'kiosk.printing': '正在打印号票…',
  'kiosk.takeTicket': '请取走您的号票',
  'kiosk.yourNumber': '您的号码',
  'kiosk.ahead': '前面还有 {{count}} 位',
  'kiosk.waitInLounge': '请在休息区等候叫号',
  'kiosk.printFailed': '号票未能打印，请记下您的号码并到前台',
  'kiosk.error': '暂时无法取号：{{message}}',
  'kiosk.retry': '重试',
  'kiosk.done': '完成',
  'kiosk.priorityNote': '投诉将优先处理',
  'desk.title': '前台叫号',
  'desk.counter': '服务台',
  'desk.chooseCounter': '请选择您的服务台',
  'desk.callNext': '叫下一位',
  'desk.calling': '正在呼叫',
  'desk.nobodyWaiting': '当前没有等候的客户',
  'desk.waiting': '等候 {{count}} 人',
  'desk.change': '更换服务台',
  'desk.logout': '退出登录',
  'login.enterPin': '请输入您的 PIN 码',
  'login.submit': '登录',
  'login.wrongPin': 'PIN 码不正确',
  'display.nowCalling': '请 {{number}} 号到 {{counter}}',
  'display.recentCalls': '最近叫号',
  'display.waiting': '等候人数',
  'display.noCalls': '暂无叫号',
  'display.connected': '已连接',
  'display.reconnecting': '正在重新连接…',
  'ticket.yourNumber': '您的号码',
  'ticket.ahead': '前面还有 {{count}} 位等候',
  'ticket.issuedAt': '取号时间 {{time}}',
  'ticket.scan': '扫码查看进度',
  'ticket.footer': '请在休息区等候叫号，过号请到前台',
} as const;

export type MessageKey = keyof typeof zhCN;
type Catalogue = Record<MessageKey, string>;

const zhTW: Catalogue = {
  'kiosk.welcome': '歡迎光臨',
  'kiosk.chooseService': '請選擇服務項目',
  'kiosk.details': '登記車輛資訊（可選）',
  'kiosk.plate': '車牌號',
  'kiosk.platePlaceholder': '例如 粵B12345',
  'kiosk.phone': '手機號',
  'kiosk.phonePlaceholder': '11 位手機號',
  'kiosk.plateInvalid': '車牌號格式不正確，例如 粵B12345 或新能源 粵BD12345',
  'kiosk.phoneInvalid': '請輸入以 1 開頭的 11 位手機號',
  'kiosk.skip': '跳過',
  'kiosk.next': '下一步',
  'kiosk.back': '返回',
  'kiosk.confirm': '確認取號',
  'kiosk.confirmTitle': '請確認',
  'kiosk.service': '服務項目',
  'kiosk.none': '未填寫',
  'kiosk.printing': '正在列印號票…',
  'kiosk.takeTicket': '請取走您的號票',
  'kiosk.yourNumber': '您的號碼',
  'kiosk.ahead': '前面還有 {{count}} 位',
  'kiosk.waitInLounge': '請在休息區等候叫號',
  'kiosk.printFailed': '號票未能列印，請記下您的號碼並到櫃台',
  'kiosk.error': '暫時無法取號：{{message}}',
  'kiosk.retry': '重試',
  'kiosk.done': '完成',
  'kiosk.priorityNote': '投訴將優先處理',
  'desk.title': '櫃台叫號',
  'desk.counter': '服務台',
  'desk.chooseCounter': '請選擇您的服務台',
  'desk.callNext': '叫下一位',
  'desk.calling': '正在呼叫',
  'desk.nobodyWaiting': '目前沒有等候的客戶',
  'desk.waiting': '等候 {{count}} 人',
  'desk.change': '更換服務台',
  'desk.logout': '登出',
  'login.enterPin': '請輸入您的 PIN 碼',
  'login.submit': '登入',
  'login.wrongPin': 'PIN 碼不正確',
  'display.nowCalling': '請 {{number}} 號到 {{counter}}',
  'display.recentCalls': '最近叫號',
  'display.waiting': '等候人數',
  'display.noCalls': '暫無叫號',
  'display.connected': '已連線',
  'display.reconnecting': '正在重新連線…',
  'ticket.yourNumber': '您的號碼',
  'ticket.ahead': '前面還有 {{count}} 位等候',
  'ticket.issuedAt': '取號時間 {{time}}',
  'ticket.scan': '掃碼查看進度',
  'ticket.footer': '請在休息區等候叫號，過號請到櫃台',
};

const en: Catalogue = {
  'kiosk.welcome': 'Welcome',
  'kiosk.chooseService': 'What can we do for you today?',
  'kiosk.details': 'Your vehicle (optional)',
  'kiosk.plate': 'Plate number',
  'kiosk.platePlaceholder': 'e.g. 粤B12345',
  'kiosk.phone': 'Mobile number',
  'kiosk.phonePlaceholder': '11-digit mobile number',
  'kiosk.plateInvalid': 'Not a valid plate, e.g. 粤B12345 or new-energy 粤BD12345',
  'kiosk.phoneInvalid': 'Enter an 11-digit mobile number starting with 1',
  'kiosk.skip': 'Skip',
  'kiosk.next': 'Next',
  'kiosk.back': 'Back',
  'kiosk.confirm': 'Get my ticket',
  'kiosk.confirmTitle': 'Please confirm',
  'kiosk.service': 'Service',
  'kiosk.none': 'not given',
  'kiosk.printing': 'Printing your ticket…',
  'kiosk.takeTicket': 'Please take your ticket',
  'kiosk.yourNumber': 'Your number',
  'kiosk.ahead': '{{count}} ahead of you',
  'kiosk.waitInLounge': 'Please wait in the lounge until your number is called',
  'kiosk.printFailed': 'Your ticket could not be printed. Please note your number and see the front desk',
  'kiosk.error': 'We could not issue a ticket: {{message}}',
  'kiosk.retry': 'Try again',
  'kiosk.done': 'Done',
  'kiosk.priorityNote': 'Complaints are handled first',
  'desk.title': 'Front desk',
  'desk.counter': 'Counter',
  'desk.chooseCounter': 'Choose your counter',
  'desk.callNext': 'Call next',
  'desk.calling': 'Now calling',
  'desk.nobodyWaiting': 'Nobody is waiting',
  'desk.waiting': '{{count}} waiting',
  'desk.change': 'Change counter',
  'desk.logout': 'Log out',
  'login.enterPin': 'Enter your PIN',
  'login.submit': 'Log in',
  'login.wrongPin': 'Wrong PIN',
  'display.nowCalling': 'Number {{number}}, please go to {{counter}}',
  'display.recentCalls': 'Recent calls',
  'display.waiting': 'Waiting',
  'display.noCalls': 'No calls yet',
  'display.connected': 'Connected',
  'display.reconnecting': 'Reconnecting…',
  'ticket.yourNumber': 'Your number',
  'ticket.ahead': '{{count}} ahead of you',
  'ticket.issuedAt': 'Issued {{time}}',
  'ticket.scan': 'Scan to follow your visit',
  'ticket.footer': 'Please wait in the lounge. Missed your call? See the front desk.',
};

const resources = {
  'zh-CN': { translation: zhCN },
  'zh-TW': { translation: zhTW },
  en: { translation: en },
};

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A translator for one language; synchronous, as every catalogue is bundled. */
export function translator(language: Language): Translate {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: 'zh-CN',
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  const t: TFunction = instance.t.bind(instance);
  return (key, values) => t(key, values ?? {}) as string;
}
