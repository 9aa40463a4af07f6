/** Alerts, statistics, settings, service durations, audit and backup. */
import { join } from 'node:path';
import { statsCsv } from './stats-csv.ts';
import { z } from 'zod';
import { Alert, ServiceDuration, ServiceDurationsRequest, IdPath, TicketCommandRequest } from '../../../shared/src/protocol.ts';
import { HubError } from '../store/context.ts';
import { durationReport } from '../store/durations.ts';
import { maskSecrets } from '../notify/secrets.ts';
import { route, type RouteSpec } from './route.ts';
import { commandDone, type RouteDeps } from './route-deps.ts';

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

export function adminRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  const done = commandDone(deps);
  return [
    // ─── Alerts, statistics, audit, backup ───────────────────────────────────────────
    route({
      method: 'GET',
      url: '/api/alerts',
      summary: 'Alerts: open ones (default), or all of today',
      tag: 'alerts',
      access: 'alert.read',
      query: AlertQuery,
      response: { status: 200, description: 'alerts', schema: z.array(Alert) },
      handler: ({ query }) => store.alerts.list({ openOnly: query.open === 'true' }),
    }),
    route({
      method: 'POST',
      url: '/api/alerts/:id/ack',
      summary: 'Acknowledges an alert (records who and when)',
      tag: 'alerts',
      access: 'alert.ack',
      params: IdPath,
      body: IdOnly,
      response: { status: 200, description: 'alert', schema: Alert },
      handler: ({ params, body, actor, reply }) => done(store.alerts.acknowledge(params.id, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'GET',
      url: '/api/stats/day',
      summary: "A day's figures: arrivals per hour, waits, 1-minute greeting rate, alerts",
      tag: 'stats',
      access: 'stats.read',
      query: DayQuery,
      response: { status: 200, description: 'figures' },
      handler: ({ query }) => store.dayStats(query.date ?? store.ctx.businessDay()),
    }),
    route({
      method: 'GET',
      url: '/api/stats',
      summary: 'The same figures over a date range, with one row per day',
      tag: 'stats',
      access: 'stats.read',
      query: RangeQuery,
      response: { status: 200, description: 'total and per day' },
      handler: ({ query }) => store.rangeStats(query.from, query.to),
    }),
    route({
      method: 'GET',
      url: '/api/stats/export.csv',
      summary: 'Per-day figures of a date range as CSV (UTF-8 with BOM, opens in Excel)',
      tag: 'stats',
      access: 'stats.read',
      query: RangeQuery,
      response: { status: 200, description: 'text/csv' },
      handler: ({ query, reply }) => {
        const { days } = store.rangeStats(query.from, query.to);
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="stats-${query.from}-${query.to}.csv"`);
        return reply.send(statsCsv(days));
      },
    }),
    route({
      method: 'GET',
      url: '/api/settings',
      summary: "The store's full settings",
      tag: 'admin',
      access: 'settings.write',
      response: { status: 200, description: 'settings, with provider secrets masked (send the mask back to keep one)' },
      handler: () => maskSecrets(store.ctx.config),
    }),
    route({
      method: 'GET',
      url: '/api/settings/public-url',
      summary: 'Where the ticket QR codes lead (PUBLIC_URL, or the LAN address) and why phones might not reach it',
      tag: 'admin',
      access: 'settings.write',
      response: {
        status: 200,
        description: 'the public URL',
        schema: z.object({ url: z.string().nullable(), problem: z.enum(['loopback', 'no_lan_address']).nullable() }),
      },
      handler: () => ({ url: deps.publicUrl?.url ?? null, problem: deps.publicUrl?.problem ?? null }),
    }),
    route({
      method: 'POST',
      url: '/api/settings',
      summary: "Replaces the store's settings (services, counters, opening hours, rules, display, printer); validated whole",
      tag: 'admin',
      access: 'settings.write',
      body: SettingsRequest,
      response: { status: 200, description: 'the saved settings' },
      handler: ({ body, actor, reply }) => done(store.updateSettings(body.settings, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'GET',
      url: '/api/service-durations',
      summary: 'Minutes each service takes at the counter: learned from history, and the manager override (wait estimates)',
      tag: 'admin',
      access: 'settings.write',
      response: { status: 200, description: 'per service', schema: z.array(ServiceDuration) },
      handler: () => durationReport(store.ctx),
    }),
    route({
      method: 'POST',
      url: '/api/service-durations',
      summary: "Sets (or with null clears) the manager's minutes per service, used by wait estimates instead of the learned ones",
      tag: 'admin',
      access: 'settings.write',
      body: ServiceDurationsRequest,
      response: { status: 200, description: 'per service, as now used', schema: z.array(ServiceDuration) },
      handler: ({ body, actor, reply }) => {
        const config = store.ctx.config;
        const serviceMinutes = { ...config.queue.serviceMinutes };
        for (const [service, minutes] of Object.entries(body.minutes)) {
          if (!config.services.some((s) => s.id === service)) throw new HubError(400, 'unknown_service', `minutes: unknown service "${service}"`);
          if (minutes === null) delete serviceMinutes[service];
          else serviceMinutes[service] = minutes;
        }
        done(store.updateSettings({ ...config, queue: { ...config.queue, serviceMinutes } }, body.idempotencyKey, actor), reply);
        return durationReport(store.ctx);
      },
    }),
    route({
      method: 'GET',
      url: '/api/audit',
      summary: 'Who did what, newest first',
      tag: 'admin',
      access: 'audit.read',
      query: AuditQuery,
      response: { status: 200, description: 'audit records' },
      handler: ({ query }) => store.ctx.db.prepare('SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?').all(query.limit),
    }),
    route({
      method: 'POST',
      url: '/api/admin/backup',
      summary: 'Online backup of the database into the data folder',
      tag: 'admin',
      access: 'backup',
      body: Empty,
      response: { status: 200, description: 'backup file' },
      handler: async () => {
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        return store.backup(join(deps.backupDir, `hub-${stamp}.sqlite`));
      },
    }),
  ];
}
