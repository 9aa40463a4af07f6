/**
 * The store's configuration as every part sees it: services offered at the kiosk, counters at
 * the front desk. Defaults follow DESIGN.md §3; a store overrides them in its config file.
 */
import { z } from 'zod';

export const LocalizedText = z.object({
  'zh-CN': z.string().min(1),
  'zh-TW': z.string().min(1),
  en: z.string().min(1),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

export const ServiceId = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'a service id is lower-case letters, digits and dashes');

export const ServiceConfig = z.object({
  id: ServiceId,
  /** Ticket prefix letter, e.g. `A` gives `A001`. Unique per store. */
  prefix: z.string().regex(/^[A-Z]$/, 'a prefix is one capital letter'),
  name: LocalizedText,
  /** Priority services (complaints) are called before every other class. */
  priority: z.boolean().default(false),
  /** A kiosk check-in with a plate registers the vehicle's arrival in the drive (pre-inspection); not for pickup or an enquiry. */
  drivesIn: z.boolean().default(true),
});
export type ServiceConfig = z.infer<typeof ServiceConfig>;

export const CounterConfig = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'a counter id is 1–16 letters, digits or dashes'),
  name: LocalizedText,
  /** Service ids this counter calls; empty means every service. */
  services: z.array(ServiceId).default([]),
});
export type CounterConfig = z.infer<typeof CounterConfig>;

const minutes = (max: number) => z.number().int().min(0).max(max);

/** How the queue behaves (issue #3, #8); every field has a default. */
export const QueueRules = z.object({
  /** Minutes of head start per class for call order with ageing (see hub/src/domain/queue.ts). */
  headStartMinutes: z
    .object({ priority: minutes(480).default(30), appointment: minutes(480).default(15), walkin: minutes(480).default(0) })
    .default({ priority: 30, appointment: 15, walkin: 0 }),
  /** An appointment check-in counts as one from this early to this late around its time. */
  appointmentWindow: z.object({ earlyMinutes: minutes(240).default(30), lateMinutes: minutes(240).default(15) }).default({ earlyMinutes: 30, lateMinutes: 15 }),
  noShow: z
    .object({
      minCalls: z.number().int().min(1).max(10).default(3),
      minSecondsSinceLastCall: z.number().int().min(0).max(600).default(30),
      minSecondsBetweenCalls: z.number().int().min(0).max(120).default(5),
    })
    .default({ minCalls: 3, minSecondsSinceLastCall: 30, minSecondsBetweenCalls: 5 }),
  /** Expected minutes at the counter for a service with no history yet. */
  defaultServiceMinutes: z.number().min(1).max(240).default(8),
  /** A manager's minutes per service, replacing what the hub learned from history (wait estimates). */
  serviceMinutes: z.record(ServiceId, z.number().min(1).max(240)).default({}),
});
export type QueueRules = z.infer<typeof QueueRules>;

export const AlertSettings = z.object({
  greetingLimitSeconds: z.number().int().min(10).max(3600).default(60),
  preinspectionCongestion: z.number().int().min(1).max(50).default(4),
  preinspectionDwellMinutes: z.number().int().min(1).max(600).default(20),
});

/** 个人信息保护法: how long customers' phone numbers, full plates and names are kept. */
export const PrivacySettings = z.object({
  /** Days after which phone numbers are removed and plates and names masked everywhere they are stored. */
  retentionDays: z.number().int().min(1).max(3650).default(90),
});

export const StageMinutesConfig = z.object({
  reception: minutes(1440).default(20),
  waiting: minutes(1440).default(30),
  repair: minutes(1440).default(90),
  parts: minutes(10080).default(120),
  qc: minutes(1440).default(20),
  wash: minutes(1440).default(20),
  ready: minutes(10080).default(60),
});

const HalfHour = z.string().regex(/^([01]\d|2[0-3]):(00|30)$/, 'a slot starts on the hour or half hour, HH:MM');

/** Appointments that level the day (来车的平均化, issue #16 §1). */
export const AppointmentSettings = z.object({
  /** Appointments each service takes per 30-minute slot; a service not listed takes `defaultSlotCapacity`. */
  slotCapacity: z.record(ServiceId, z.number().int().min(0).max(50)).default({}),
  defaultSlotCapacity: z.number().int().min(0).max(50).default(2),
  /** First and last bookable slot of a day, local time. */
  firstSlot: HalfHour.default('08:30'),
  lastSlot: HalfHour.default('17:00'),
  /** The reminder is due this many hours before the appointment (the day-before reminder). */
  reminderHoursBefore: z.number().int().min(1).max(72).default(24),
});
export type AppointmentSettings = z.infer<typeof AppointmentSettings>;

/** Complaints as cases (issue #16 §3). */
export const ComplaintSettings = z.object({
  /** A new case promises the customer a reply within this many minutes (the owner may set another time). */
  replyMinutes: z.number().int().min(5).max(2880).default(30),
});

/** The lounge display (issue #6): its language, notices in the ticker, paging of the progress board. */
export const DisplaySettings = z.object({
  language: z.enum(['zh-CN', 'zh-TW', 'en']).default('zh-CN'),
  /** Also announce calls in English after the store language. */
  announceEnglish: z.boolean().default(true),
  notices: z.array(LocalizedText).max(20).default([]),
  /** Seconds each page of the progress board stays before the next. */
  pageSeconds: z.number().int().min(3).max(120).default(10),
});

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM');

/**
 * Messages to customers who agreed (issue #15) and staff alerts to a WeCom group robot. Secrets
 * are settings: `GET /api/settings` shows them masked and a masked value sent back keeps them.
 */
/** Customer message types an SMS template can be set for (China requires approved templates). */
export const SMS_MESSAGE_TYPES = [
  'ticket.called',
  'ticket.near',
  'job.approval-needed',
  'job.ready',
  'job.delivered',
  'appointment.confirmed',
  'appointment.reminder',
] as const;

export const NotifySettings = z.object({
  /** Language of customer texts. */
  language: z.enum(['zh-CN', 'zh-TW', 'en']).default('zh-CN'),
  /** No customer message in these store hours (start may be after end: the night; start = end: none). */
  quietHours: z.object({ start: ClockTime.default('21:00'), end: ClockTime.default('08:00') }).default({ start: '21:00', end: '08:00' }),
  /** The store closes at this local time; until then `job.ready` may go out in quiet hours. */
  closingTime: ClockTime.default('18:00'),
  /** At most this many customer messages to one phone per hour; more wait their turn. */
  maxPerPhonePerHour: z.number().int().min(1).max(60).default(5),
  /** A waiting ticket gets one "your number is near" message when this many or fewer are ahead (0: never). */
  nearAhead: z.number().int().min(0).max(20).default(3),
  /** Link of the satisfaction survey in `job.delivered`; `{token}` becomes the visit's token. The phone page otherwise. */
  surveyUrl: z.url().optional(),
  /** Any store system or SMS gateway: POST JSON signed with HMAC-SHA256 of the raw body. */
  webhook: z
    .object({ url: z.url(), secret: z.string().min(16, 'the webhook secret has at least 16 characters') })
    .nullable()
    .default(null),
  /** 企业微信 group robot for staff alerts: the `key` of its webhook address. */
  wecom: z
    .object({
      key: z.string().min(8, 'the robot key is the key=… part of its webhook address'),
      endpoint: z.url().default('https://qyapi.weixin.qq.com/cgi-bin/webhook/send'),
    })
    .nullable()
    .default(null),
  /** Aliyun SMS (dysmsapi): approved sign name and one approved template per message type. */
  sms: z
    .object({
      accessKeyId: z.string().min(1),
      accessKeySecret: z.string().min(8),
      signName: z.string().min(1).max(20),
      templates: z.partialRecord(z.enum(SMS_MESSAGE_TYPES), z.string().min(1).max(40)),
      endpoint: z.string().min(1).default('dysmsapi.aliyuncs.com'),
    })
    .nullable()
    .default(null),
});
export type NotifySettings = z.infer<typeof NotifySettings>;

const StoreConfigFields = z.object({
  name: LocalizedText,
  /** IANA time zone of the store, used for the daily number reset. */
  timeZone: z.string().min(1),
  /** Local time the store opens, `HH:MM`; ticket numbers restart from 1 at this time. */
  openingTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'opening time is HH:MM'),
  services: z.array(ServiceConfig).min(1),
  counters: z.array(CounterConfig).min(1),
  /** Pre-inspection bays (预检区); 3 by default. */
  preinspectionBays: z.array(z.string().min(1).max(16)).default(['P1', 'P2', 'P3']),
  queue: QueueRules.default(QueueRules.parse({})),
  alerts: AlertSettings.default(AlertSettings.parse({})),
  privacy: PrivacySettings.default(PrivacySettings.parse({})),
  stageMinutes: StageMinutesConfig.default(StageMinutesConfig.parse({})),
  display: DisplaySettings.default(DisplaySettings.parse({})),
  appointments: AppointmentSettings.default(AppointmentSettings.parse({})),
  complaints: ComplaintSettings.default(ComplaintSettings.parse({})),
  notify: NotifySettings.default(NotifySettings.parse({})),
  /** The printer of the kiosk station that runs inside the hub (`npm start`); PRINTER env wins. */
  printer: z
    .string()
    .regex(
      /^(virtual|tcp:\/\/[^\s/?]+(:\d+)?|serial:\/\/\/[^\s?]+|usb:\/\/[0-9a-fA-F]{4}:[0-9a-fA-F]{4})(\?[\w=&.-]*)?$/,
      'printer is virtual, tcp://HOST:PORT, serial:///dev/PATH?baud=N or usb://VID:PID (optionally ?profile=ID&font=raster&qr=raster)',
    )
    .default('virtual'),
});

/** What the hub tells any page or station about the store (`GET /api/store`). */
export const PublicStore = StoreConfigFields.pick({
  name: true,
  timeZone: true,
  openingTime: true,
  services: true,
  counters: true,
  display: true,
  stageMinutes: true,
  privacy: true,
});
export type PublicStore = z.infer<typeof PublicStore>;

export const StoreConfig = StoreConfigFields.superRefine((store, ctx) => {
  const prefixes = new Set<string>();
  const ids = new Set<string>();
  store.services.forEach((service, i) => {
    if (ids.has(service.id)) {
      ctx.addIssue({ code: 'custom', path: ['services', i, 'id'], message: `duplicate service id ${service.id}` });
    }
    if (prefixes.has(service.prefix)) {
      ctx.addIssue({ code: 'custom', path: ['services', i, 'prefix'], message: `prefix ${service.prefix} is used twice` });
    }
    ids.add(service.id);
    prefixes.add(service.prefix);
  });
  // A bay holds one vehicle: two bays of one name would be one bay counted twice.
  store.preinspectionBays.forEach((bay, i) => {
    if (store.preinspectionBays.indexOf(bay) !== i) {
      ctx.addIssue({ code: 'custom', path: ['preinspectionBays', i], message: `bay ${bay} is used twice` });
    }
  });
  store.counters.forEach((counter, i) => {
    for (const serviceId of counter.services) {
      if (!ids.has(serviceId)) {
        ctx.addIssue({ code: 'custom', path: ['counters', i, 'services'], message: `unknown service ${serviceId}` });
      }
    }
  });
  for (const serviceId of Object.keys(store.appointments.slotCapacity)) {
    if (!ids.has(serviceId)) ctx.addIssue({ code: 'custom', path: ['appointments', 'slotCapacity', serviceId], message: `unknown service ${serviceId}` });
  }
  if (store.appointments.firstSlot > store.appointments.lastSlot) {
    ctx.addIssue({ code: 'custom', path: ['appointments', 'lastSlot'], message: 'the last slot is before the first' });
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: store.timeZone });
  } catch {
    ctx.addIssue({ code: 'custom', path: ['timeZone'], message: `unknown time zone ${store.timeZone}` });
  }
});
export type StoreConfig = z.infer<typeof StoreConfig>;
export type StoreConfigInput = z.input<typeof StoreConfig>;

/** The settings as the manager page receives them: each provider secret masked (e.g. `••••••••cdef`). */
export const SettingsView = StoreConfigFields.extend({
  notify: NotifySettings.extend({
    webhook: NotifySettings.shape.webhook.unwrap().unwrap().extend({ secret: z.string() }).nullable(),
    wecom: NotifySettings.shape.wecom.unwrap().unwrap().extend({ key: z.string() }).nullable(),
    sms: NotifySettings.shape.sms.unwrap().unwrap().extend({ accessKeySecret: z.string() }).nullable(),
  }),
});

const text = (zhCN: string, zhTW: string, en: string): LocalizedText => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en });

export const DEFAULT_SERVICES: ServiceConfig[] = [
  { id: 'maintenance', prefix: 'A', name: text('保养', '保養', 'Maintenance'), priority: false, drivesIn: true },
  { id: 'repair', prefix: 'B', name: text('维修', '維修', 'Repair & diagnosis'), priority: false, drivesIn: true },
  { id: 'bodypaint', prefix: 'C', name: text('钣喷', '鈑噴', 'Body & paint'), priority: false, drivesIn: true },
  { id: 'warranty', prefix: 'D', name: text('保修索赔', '保修索賠', 'Warranty claim'), priority: false, drivesIn: true },
  { id: 'accident', prefix: 'E', name: text('事故理赔', '事故理賠', 'Accident claim'), priority: false, drivesIn: true },
  { id: 'pickup', prefix: 'F', name: text('取车', '取車', 'Vehicle pickup'), priority: false, drivesIn: false },
  { id: 'enquiry', prefix: 'G', name: text('咨询', '諮詢', 'Enquiry'), priority: false, drivesIn: false },
  { id: 'complaint', prefix: 'H', name: text('投诉', '投訴', 'Complaint'), priority: true, drivesIn: false },
];

export const DEFAULT_STORE_INPUT: StoreConfigInput = {
  name: text('示例汽车4S店 售后服务中心', '示例汽車4S店 售後服務中心', 'Demo Motors Service Centre'),
  timeZone: 'Asia/Shanghai',
  openingTime: '08:00',
  services: DEFAULT_SERVICES,
  display: {
    notices: [
      text('免费 Wi-Fi：Demo-Guest，密码请询问前台', '免費 Wi-Fi：Demo-Guest，密碼請詢問櫃台', 'Free Wi-Fi: Demo-Guest — ask the front desk for the password'),
      text('本月保养套餐九折，详情请咨询服务顾问', '本月保養套餐九折，詳情請諮詢服務顧問', '10% off maintenance packages this month — ask your advisor'),
    ],
  },
  counters: ['1', '2', '3'].map((id) => ({
    id,
    name: text(`${id}号服务台`, `${id}號服務台`, `Counter ${id}`),
    services: [],
  })),
};

/** The embedded defaults, with every default filled in. */
export const DEFAULT_STORE: StoreConfig = StoreConfig.parse(DEFAULT_STORE_INPUT);
