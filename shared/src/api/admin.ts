/** Alerts, statistics, settings, service durations, audit and backup. */
import { z } from 'zod';
import { ALERT_KINDS, Alert, IdPath, ServiceDuration, ServiceDurationsRequest, TicketCommandRequest } from '../protocol.ts';
import { endpoint } from './endpoint.ts';
import { DayStats, RangeWithDrive } from '../stats.ts';
import { SettingsView } from '../services.ts';

/** One line of the audit log: who did what, when, to what. */
export const AuditRecord = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.string().nullable(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;
export const BackupAnswer = z.object({ file: z.string(), pages: z.number().int() });

const DayQuery = z.strictObject({ date: z.iso.date({ error: 'date is YYYY-MM-DD' }).optional() });
const RangeQuery = z
  .strictObject({ from: z.iso.date({ error: 'from is YYYY-MM-DD' }), to: z.iso.date({ error: 'to is YYYY-MM-DD' }) })
  .refine((q) => q.from <= q.to, 'from must not be after to')
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 366, 'a range is at most 366 days');
const SettingsRequest = z.strictObject({ settings: z.unknown(), idempotencyKey: TicketCommandRequest.shape.idempotencyKey });
const AlertQuery = z.strictObject({ open: z.enum(['true', 'false']).default('true') });
const AuditQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
const Empty = z.strictObject({});
const IdOnly = z.strictObject({ ...TicketCommandRequest.shape });
const AckKindRequest = z.strictObject({ kind: z.enum(ALERT_KINDS), ...TicketCommandRequest.shape });

export const adminEndpoints = {
  listAlerts: endpoint({
    method: 'GET',
    path: '/api/alerts',
    summary: 'Alerts: open ones (default), or all of today',
    tag: 'alerts',
    access: 'alert.read',
    query: AlertQuery,
    response: { status: 200, description: 'alerts', schema: z.array(Alert) },
  }),
  ackAlert: endpoint({
    method: 'POST',
    path: '/api/alerts/:id/ack',
    summary: 'Acknowledges an alert (records who and when)',
    tag: 'alerts',
    access: 'alert.ack',
    params: IdPath,
    body: IdOnly,
    response: { status: 200, description: 'alert', schema: Alert },
  }),
  dayStats: endpoint({
    method: 'GET',
    path: '/api/stats/day',
    summary: "A day's figures: arrivals per hour, waits, 1-minute greeting rate, alerts",
    tag: 'stats',
    access: 'stats.read',
    query: DayQuery,
    response: { status: 200, description: 'figures', schema: DayStats },
  }),
  rangeStats: endpoint({
    method: 'GET',
    path: '/api/stats',
    summary: 'The same figures over a date range, with one row per day',
    tag: 'stats',
    access: 'stats.read',
    query: RangeQuery,
    response: { status: 200, description: 'total and per day', schema: RangeWithDrive },
  }),
  exportStatsCsv: endpoint({
    method: 'GET',
    path: '/api/stats/export.csv',
    summary: 'Per-day figures of a date range as CSV (UTF-8 with BOM, opens in Excel)',
    tag: 'stats',
    access: 'stats.read',
    query: RangeQuery,
    response: { status: 200, description: 'per-day figures, UTF-8 with BOM', file: 'text/csv' },
  }),
  getSettings: endpoint({
    method: 'GET',
    path: '/api/settings',
    summary: "The store's full settings",
    tag: 'admin',
    access: 'settings.write',
    response: { status: 200, description: 'settings, with provider secrets masked (send the mask back to keep one)', schema: SettingsView },
  }),
  publicUrlSetting: endpoint({
    method: 'GET',
    path: '/api/settings/public-url',
    summary: 'Where the ticket QR codes lead (PUBLIC_URL, or the LAN address) and why phones might not reach it',
    tag: 'admin',
    access: 'settings.write',
    response: {
      status: 200,
      description: 'the public URL',
      schema: z.object({ url: z.string().nullable(), problem: z.enum(['loopback', 'no_lan_address']).nullable() }),
    },
  }),
  saveSettings: endpoint({
    method: 'POST',
    path: '/api/settings',
    summary: "Replaces the store's settings (services, counters, opening hours, rules, display, printer); validated whole",
    tag: 'admin',
    access: 'settings.write',
    body: SettingsRequest,
    response: { status: 200, description: 'the saved settings, with provider secrets masked', schema: SettingsView },
  }),
  getServiceDurations: endpoint({
    method: 'GET',
    path: '/api/service-durations',
    summary: 'Minutes each service takes at the counter: learned from history, and the manager override (wait estimates)',
    tag: 'admin',
    access: 'settings.write',
    response: { status: 200, description: 'per service', schema: z.array(ServiceDuration) },
  }),
  setServiceDurations: endpoint({
    method: 'POST',
    path: '/api/service-durations',
    summary: "Sets (or with null clears) the manager's minutes per service, used by wait estimates instead of the learned ones",
    tag: 'admin',
    access: 'settings.write',
    body: ServiceDurationsRequest,
    response: { status: 200, description: 'per service, as now used', schema: z.array(ServiceDuration) },
  }),
  audit: endpoint({
    method: 'GET',
    path: '/api/audit',
    summary: 'Who did what, newest first',
    tag: 'admin',
    access: 'audit.read',
    query: AuditQuery,
    response: { status: 200, description: 'audit records', schema: z.array(AuditRecord) },
  }),
  backup: endpoint({
    method: 'POST',
    path: '/api/admin/backup',
    summary: 'Online backup of the database into the data folder',
    tag: 'admin',
    access: 'backup',
    body: Empty,
    response: { status: 200, description: 'where the copy was written, and its size in pages', schema: BackupAnswer },
  }),
  ackAlertKind: endpoint({
    method: 'POST',
    path: '/api/alerts/ack-kind',
    summary: 'Acknowledges every open alert of one kind (a group on the consoles) at once',
    tag: 'alerts',
    access: 'alert.ack',
    body: AckKindRequest,
    response: { status: 200, description: 'the alerts acknowledged', schema: z.array(Alert) },
  }),
};
