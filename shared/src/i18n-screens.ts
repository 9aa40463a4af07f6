/** Strings added for day-one usability (issue #14) on the kiosk and the lounge display. Merged by i18n.ts. */
export const screensZhCN = {
  'kiosk.neutralService': '客户服务',
  'kiosk.typeAppointment': '输入预约码',
  'kiosk.appointmentCode': '预约码',
  'kiosk.appointmentCodeHint': '请输入预约短信中的预约码（字母和数字）',
  'kiosk.checkIn': '签到取号',
  'confirm.revokeTitle': '撤销设备“{{name}}”？',
  'confirm.revokeKiosk': '撤销后这台取号机立即无法取号，客户会被请到前台办理。误操作可点“恢复”撤回。',
  'confirm.revokeOther': '撤销后这台设备立即无法使用。误操作可点“恢复”撤回。',
  'confirm.numberingTitle': '更改号码设置？',
  'confirm.numbering': '更改服务的号码字母或开门时间，会改变之后发出的号码；已发出的号票不变。',
  'confirm.cancel': '取消',
  'confirm.revoke': '确定撤销',
  'confirm.save': '确定保存',
  'manager.reinstate': '恢复',
  'manager.reinstated': '“{{name}}”已恢复，可以继续使用',
};

export type ScreensMessageKey = keyof typeof screensZhCN;

export const screensZhTW: Record<ScreensMessageKey, string> = {
  'kiosk.neutralService': '客戶服務',
  'kiosk.typeAppointment': '輸入預約碼',
  'kiosk.appointmentCode': '預約碼',
  'kiosk.appointmentCodeHint': '請輸入預約簡訊中的預約碼（字母和數字）',
  'kiosk.checkIn': '報到取號',
  'confirm.revokeTitle': '撤銷設備「{{name}}」？',
  'confirm.revokeKiosk': '撤銷後這台取號機立即無法取號，客戶會被請到櫃台辦理。誤操作可點「恢復」撤回。',
  'confirm.revokeOther': '撤銷後這台設備立即無法使用。誤操作可點「恢復」撤回。',
  'confirm.numberingTitle': '變更號碼設定？',
  'confirm.numbering': '變更服務的號碼字母或開門時間，會改變之後發出的號碼；已發出的號票不變。',
  'confirm.cancel': '取消',
  'confirm.revoke': '確定撤銷',
  'confirm.save': '確定儲存',
  'manager.reinstate': '恢復',
  'manager.reinstated': '「{{name}}」已恢復，可以繼續使用',
};

export const screensEn: Record<ScreensMessageKey, string> = {
  'kiosk.neutralService': 'Customer service',
  'kiosk.typeAppointment': 'Enter appointment code',
  'kiosk.appointmentCode': 'Appointment code',
  'kiosk.appointmentCodeHint': 'Enter the code from your appointment message (letters and digits)',
  'kiosk.checkIn': 'Check in',
  'confirm.revokeTitle': 'Revoke the device "{{name}}"?',
  'confirm.revokeKiosk': 'This kiosk stops issuing tickets at once; customers will be sent to the front desk. Press "Reinstate" to undo.',
  'confirm.revokeOther': 'This device stops working at once. Press "Reinstate" to undo.',
  'confirm.numberingTitle': 'Change numbering?',
  'confirm.numbering': 'Changing a service letter or the opening time changes the numbers issued from now on; tickets already issued stay as they are.',
  'confirm.cancel': 'Cancel',
  'confirm.revoke': 'Revoke',
  'confirm.save': 'Save',
  'manager.reinstate': 'Reinstate',
  'manager.reinstated': '"{{name}}" is reinstated and works again',
};
