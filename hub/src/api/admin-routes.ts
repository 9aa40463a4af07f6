/** Alerts, statistics, settings, service durations, audit and backup. */
import { join } from 'node:path';
import { statsCsv } from './stats-csv.ts';
import { HubError } from '../store/context.ts';
import { durationReport } from '../store/durations.ts';
import { maskSecrets } from '../notify/secrets.ts';
import type { AuditRecord } from '../../../shared/src/api/admin.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { route, type RouteSpec } from './route.ts';
import { commandDone, type RouteDeps } from './route-deps.ts';

export function adminRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  const done = commandDone(deps);
  return [
    // ─── Alerts, statistics, audit, backup ───────────────────────────────────────────
    route(endpoints.listAlerts, ({ query }) => store.alerts.list({ openOnly: query.open === 'true' })),
    route(endpoints.ackAlert, ({ params, body, actor, reply }) => done(store.alerts.acknowledge(params.id, body.idempotencyKey, actor), reply)),
    route(endpoints.dayStats, ({ query }) => store.dayStats(query.date ?? store.ctx.businessDay())),
    route(endpoints.rangeStats, ({ query }) => store.rangeStats(query.from, query.to)),
    route(endpoints.exportStatsCsv, ({ query, reply }) => {
      const { days } = store.rangeStats(query.from, query.to);
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="stats-${query.from}-${query.to}.csv"`);
      return reply.send(statsCsv(days));
    }),
    route(endpoints.getSettings, () => maskSecrets(store.ctx.config)),
    route(endpoints.publicUrlSetting, () => ({ url: deps.publicUrl?.url ?? null, problem: deps.publicUrl?.problem ?? null })),
    route(endpoints.saveSettings, ({ body, actor, reply }) => done(store.updateSettings(body.settings, body.idempotencyKey, actor), reply)),
    route(endpoints.getServiceDurations, () => durationReport(store.ctx)),
    route(endpoints.setServiceDurations, ({ body, actor, reply }) => {
      const config = store.ctx.config;
      const serviceMinutes = { ...config.queue.serviceMinutes };
      for (const [service, minutes] of Object.entries(body.minutes)) {
        if (!config.services.some((s) => s.id === service)) throw new HubError(400, 'unknown_service', `minutes: unknown service "${service}"`);
        if (minutes === null) delete serviceMinutes[service];
        else serviceMinutes[service] = minutes;
      }
      done(store.updateSettings({ ...config, queue: { ...config.queue, serviceMinutes } }, body.idempotencyKey, actor), reply);
      return durationReport(store.ctx);
    }),
    route(
      endpoints.audit,
      ({ query }) =>
        store.ctx.db.prepare('SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?').all(query.limit) as AuditRecord[],
    ),
    route(endpoints.backup, async () => {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      return store.backup(join(deps.backupDir, `hub-${stamp}.sqlite`));
    }),
  ];
}
