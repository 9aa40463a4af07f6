/**
 * Strings of the grouped alert area on the staff consoles (issue #14 item 1): one line per kind
 * of alert with a count and live durations. Merged into every catalogue by i18n.ts.
 */
export const alertsZhCN = {
  'alertGroup.greeting_wait': '{{count}} 位客户等候超过 {{limit}}，最长 {{longest}}',
  'alertGroup.greeting_wait.idle': '有空闲服务台，请尽快叫号',
  'alertGroup.greeting_wait.busy': '所有服务台忙碌或暂停，请增派人手接待',
  'alertGroup.preinspection_congestion': '预检区拥堵：{{vehicles}} 辆车等候（提醒线 {{limit}} 辆），已持续 {{longest}}',
  'alertGroup.preinspection_dwell': '{{count}} 辆车在预检区停留过久，最长 {{longest}}（{{plates}}）',
  'alertGroup.printer_fault': '打印机故障：{{detail}}',
  'alertGroup.device_fault': '设备故障：{{detail}}',
  'alertGroup.more': '等 {{count}} 项',
  'alertGroup.ackAll': '全部知道了',
  'alertGroup.acknowledged': '已知悉',
  'alertGroup.none': '当前没有提醒',
  'duration.seconds': '{{n}} 秒',
  'duration.minutes': '{{n}} 分钟',
  'duration.hours': '{{h}} 小时 {{m}} 分钟',
};

export type AlertMessageKey = keyof typeof alertsZhCN;

export const alertsZhTW: Record<AlertMessageKey, string> = {
  'alertGroup.greeting_wait': '{{count}} 位客戶等候超過 {{limit}}，最長 {{longest}}',
  'alertGroup.greeting_wait.idle': '有空閒服務台，請盡快叫號',
  'alertGroup.greeting_wait.busy': '所有服務台忙碌或暫停，請增派人手接待',
  'alertGroup.preinspection_congestion': '預檢區擁堵：{{vehicles}} 輛車等候（提醒線 {{limit}} 輛），已持續 {{longest}}',
  'alertGroup.preinspection_dwell': '{{count}} 輛車在預檢區停留過久，最長 {{longest}}（{{plates}}）',
  'alertGroup.printer_fault': '印表機故障：{{detail}}',
  'alertGroup.device_fault': '設備故障：{{detail}}',
  'alertGroup.more': '等 {{count}} 項',
  'alertGroup.ackAll': '全部知道了',
  'alertGroup.acknowledged': '已知悉',
  'alertGroup.none': '目前沒有提醒',
  'duration.seconds': '{{n}} 秒',
  'duration.minutes': '{{n}} 分鐘',
  'duration.hours': '{{h}} 小時 {{m}} 分鐘',
};

export const alertsEn: Record<AlertMessageKey, string> = {
  'alertGroup.greeting_wait': '{{count}} customers waiting over {{limit}}, longest {{longest}}',
  'alertGroup.greeting_wait.idle': 'a counter is free: please call',
  'alertGroup.greeting_wait.busy': 'every counter is busy or paused: more hands needed',
  'alertGroup.preinspection_congestion': 'Pre-inspection congested: {{vehicles}} vehicles (limit {{limit}}), for {{longest}}',
  'alertGroup.preinspection_dwell': '{{count}} vehicles in pre-inspection too long, longest {{longest}} ({{plates}})',
  'alertGroup.printer_fault': 'Printer fault: {{detail}}',
  'alertGroup.device_fault': 'Device fault: {{detail}}',
  'alertGroup.more': 'and {{count}} more',
  'alertGroup.ackAll': 'Acknowledge all',
  'alertGroup.acknowledged': 'Acknowledged',
  'alertGroup.none': 'No alerts',
  'duration.seconds': '{{n}} s',
  'duration.minutes': '{{n}} min',
  'duration.hours': '{{h}} h {{m}} min',
};
