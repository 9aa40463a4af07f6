/** Message routes (issue #15): message status per job for the desk, and the manager's test message. */
import { customerChannel } from '../notify/targets.ts';
import { HubError } from '../store/context.ts';
import type { HubStore } from '../store/hub-store.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { route, type RouteSpec } from './route.ts';

export function notifyRoutes(deps: { store: HubStore; dispatchNow: () => void }): RouteSpec[] {
  const { store } = deps;
  return [
    route(endpoints.jobMessages, ({ params }) => {
      store.jobs.get(params.id); // 404 for an unknown job
      return store.outbox.forJob(params.id);
    }),
    route(endpoints.testNotify, ({ body, actor, reply }) => {
      const targets = store.outbox.targets();
      const configured = body.audience === 'customer' ? customerChannel(targets) !== null : targets.wecom !== null;
      if (!configured) throw new HubError(409, 'notify_not_configured', `no ${body.audience === 'customer' ? 'webhook or SMS' : 'WeCom robot'} is configured`);
      const target = body.audience === 'customer' ? { audience: 'customer' as const, phone: body.phone } : { audience: 'staff' as const };
      const outcome = store.outbox.queueTest(target, body.idempotencyKey, actor);
      deps.dispatchNow();
      reply.status(202);
      return outcome.result;
    }),
    route(endpoints.getMessage, ({ params }) => {
      const row = store.outbox.get(params.id);
      if (!row) throw new HubError(404, 'unknown_message', `message ${params.id} does not exist`);
      return store.outbox.statusOf(row);
    }),
  ];
}
