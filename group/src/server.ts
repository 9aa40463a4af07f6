/**
 * The dealer group's server (issue #18 §2): reports across stores from the events the store hubs
 * ship to PostgreSQL. Every `/api/group/*` route needs the group admin's token
 * (`Authorization: Bearer <GROUP_ADMIN_TOKEN>`); figures are computed in SQL (stats.ts).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type pg from 'pg';
import { z } from 'zod';
import { groupDaily, groupStats, type GroupFigures } from './stats.ts';

const Day = z.iso.date({ message: 'a date as YYYY-MM-DD' });
const RangeQuery = z
  .strictObject({ from: Day, to: Day })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to: on or after from' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { path: ['to'], message: 'to: at most 366 days after from' });

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Where `vite build` puts the pages (the group's is group/web/index.html there). */
export const DEFAULT_WEB_ROOT = resolve(import.meta.dirname, '../../dist/web');
const PAGE = 'group/web/index.html';

export function createGroupServer(pool: pg.Pool, options: { adminToken: string; logger?: boolean; webRoot?: string }): FastifyInstance {
  if (options.adminToken.length < 16) throw new Error('GROUP_ADMIN_TOKEN: at least 16 characters');
  const expected = digest(options.adminToken);
  const app = Fastify({ logger: options.logger ? { level: 'warn' } : false });

  const admin = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(given), expected)) {
      await reply.status(401).send({ error: 'unauthorized', message: 'log in with the group admin token' });
    }
  };
  const range = (request: FastifyRequest, reply: FastifyReply): { from: string; to: string } | null => {
    const parsed = RangeQuery.safeParse(request.query);
    if (parsed.success) return parsed.data;
    void reply.status(400).send({
      error: 'invalid_request',
      message: parsed.error.issues.map((i) => i.message).join('; '),
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
    return null;
  };

  app.get('/api/health', async () => {
    await pool.query('SELECT 1');
    return { ok: true };
  });
  app.post('/api/group/login', { preHandler: admin }, async () => ({ ok: true }));
  app.get('/api/group/stats', { preHandler: admin }, async (request, reply) => {
    const r = range(request, reply);
    return r ? groupStats(pool, r.from, r.to) : reply;
  });
  app.get('/api/group/daily', { preHandler: admin }, async (request, reply) => {
    const r = range(request, reply);
    return r ? groupDaily(pool, r.from, r.to) : reply;
  });
  app.get('/api/group/stats.csv', { preHandler: admin }, async (request, reply) => {
    const r = range(request, reply);
    if (!r) return reply;
    const stats = await groupStats(pool, r.from, r.to);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="group-${r.from}-${r.to}.csv"`)
      .send(statsCsv([...stats.stores, { storeId: 'total', ...stats.total }]));
  });
  app.get('/api/group/hubs', { preHandler: admin }, async () => {
    const { rows } = await pool.query<{ store_id: string; hub_id: string; epoch: string; shipped_seq: string; last_seen: Date }>(
      'SELECT store_id, hub_id, epoch, shipped_seq, last_seen FROM hubs ORDER BY store_id, hub_id',
    );
    return rows.map((r) => ({ storeId: r.store_id, hubId: r.hub_id, epoch: r.epoch, shippedSeq: Number(r.shipped_seq), lastSeen: r.last_seen.toISOString() }));
  });
  // The page (React, built by vite with the store's pages): its HTML and the hashed assets.
  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  if (existsSync(join(webRoot, 'assets'))) {
    void app.register(fastifyStatic, { root: join(webRoot, 'assets'), prefix: '/assets/', maxAge: '365d', immutable: true });
  }
  app.get('/group', async (_request, reply) => {
    if (!existsSync(join(webRoot, PAGE))) {
      return reply
        .status(503)
        .header('content-type', 'text/plain; charset=utf-8')
        .send('报表页面尚未构建，请先运行 npm run build:web。The report page is not built yet: run npm run build:web first.');
    }
    return reply.header('cache-control', 'no-cache').sendFile(PAGE, webRoot);
  });
  return app;
}

const COLUMNS: [string, (f: GroupFigures) => string][] = [
  ['issued', (f) => String(f.issued)],
  ['called', (f) => String(f.called)],
  ['served', (f) => String(f.served)],
  ['no_shows', (f) => String(f.noShows)],
  ['wait_p50_s', (f) => (f.waitP50Seconds === null ? '' : String(Math.round(f.waitP50Seconds)))],
  ['wait_p90_s', (f) => (f.waitP90Seconds === null ? '' : String(Math.round(f.waitP90Seconds)))],
  ['greeting_rate', (f) => (f.greetingRate === null ? '' : f.greetingRate.toFixed(3))],
  ['on_time_delivery_rate', (f) => (f.onTimeDelivery.rate === null ? '' : f.onTimeDelivery.rate.toFixed(3))],
  ['delivered', (f) => String(f.onTimeDelivery.delivered)],
  ['appointment_share', (f) => (f.appointments.appointmentShare === null ? '' : f.appointments.appointmentShare.toFixed(3))],
  ['appointment_no_shows', (f) => String(f.appointments.noShows)],
  ['satisfaction_overall', (f) => (f.satisfaction ? f.satisfaction.overall.toFixed(2) : '')],
  ['survey_responses', (f) => String(f.satisfaction?.responses ?? 0)],
];

/** One row per store and a total row; a BOM so Excel reads UTF-8. */
export function statsCsv(rows: ({ storeId: string } & GroupFigures)[]): string {
  const cell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [['store', ...COLUMNS.map(([name]) => name)].join(',')];
  for (const r of rows) lines.push([cell(r.storeId), ...COLUMNS.map(([, get]) => get(r))].join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
