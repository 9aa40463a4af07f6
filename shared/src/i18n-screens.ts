/** Strings added for day-one usability (issue #14) on the kiosk and the lounge display. Merged by i18n.ts. */
export const screensZhCN = {
  'kiosk.neutralService': '客户服务',
  'kiosk.typeAppointment': '输入预约码',
  'kiosk.appointmentCode': '预约码',
  'kiosk.appointmentCodeHint': '请输入预约短信中的预约码（字母和数字）',
  'kiosk.checkIn': '签到取号',
};

export type ScreensMessageKey = keyof typeof screensZhCN;

export const screensZhTW: Record<ScreensMessageKey, string> = {
  'kiosk.neutralService': '客戶服務',
  'kiosk.typeAppointment': '輸入預約碼',
  'kiosk.appointmentCode': '預約碼',
  'kiosk.appointmentCodeHint': '請輸入預約簡訊中的預約碼（字母和數字）',
  'kiosk.checkIn': '報到取號',
};

export const screensEn: Record<ScreensMessageKey, string> = {
  'kiosk.neutralService': 'Customer service',
  'kiosk.typeAppointment': 'Enter appointment code',
  'kiosk.appointmentCode': 'Appointment code',
  'kiosk.appointmentCodeHint': 'Enter the code from your appointment message (letters and digits)',
  'kiosk.checkIn': 'Check in',
};
