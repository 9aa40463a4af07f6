/** Message routes (issue #15): message status per job for the desk, and the manager's test message. */
import { z } from 'zod';
import { IdPath, Phone, TicketCommandRequest } from '../../../shared/src/protocol.ts';
import { customerChannel } from '../notify/targets.ts';
import { HubError } from '../store/context.ts';
import type { HubStore } from '../store/hub-store.ts';
import { route, type RouteSpec } from './route.ts';

export const MessageStatusView = z.object({
  id: z.string(),
  type: z.string(),
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  channel: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});

const TestMessageRequest = z.discriminatedUnion('audience', [
  z.strictObject({ audience: z.literal('customer'), phone: Phone, ...TicketCommandRequest.shape }),
  z.strictObject({ audience: z.literal('staff'), ...TicketCommandRequest.shape }),
]);
const MessagePath = z.strictObject({ id: z.uuid('a message id is a uuid') });

export function notifyRoutes(deps: { store: HubStore; dispatchNow: () => void }): RouteSpec[] {
  const { store } = deps;
  return [
    route({
      method: 'GET',
      url: '/api/jobs/:id/messages',
      summary: "Messages about a job and its ticket, with their status (queued, sent, failed with the provider's reason); no phone, no text",
      tag: 'messages',
      access: 'ticket.read',
      params: IdPath,
      response: { status: 200, description: 'messages, oldest first', schema: z.array(MessageStatusView) },
      handler: ({ params }) => {
        store.jobs.get(params.id); // 404 for an unknown job
        return store.outbox.forJob(params.id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/settings/notify/test',
      summary: 'Queues a test message: to a phone through the customer channel (webhook or SMS), or to the WeCom group robot',
      tag: 'messages',
      access: 'settings.write',
      body: TestMessageRequest,
      response: { status: 202, description: 'queued; follow it with GET /api/messages/{id}', schema: z.object({ id: z.string() }) },
      handler: ({ body, actor, reply }) => {
        const targets = store.outbox.targets();
        const configured = body.audience === 'customer' ? customerChannel(targets) !== null : targets.wecom !== null;
        if (!configured)
          throw new HubError(409, 'notify_not_configured', `no ${body.audience === 'customer' ? 'webhook or SMS' : 'WeCom robot'} is configured`);
        const target = body.audience === 'customer' ? { audience: 'customer' as const, phone: body.phone } : { audience: 'staff' as const };
        const outcome = store.outbox.queueTest(target, body.idempotencyKey, actor);
        deps.dispatchNow();
        reply.status(202);
        return outcome.result;
      },
    }),
    route({
      method: 'GET',
      url: '/api/messages/:id',
      summary: 'One message’s status (e.g. the test message)',
      tag: 'messages',
      access: 'settings.write',
      params: MessagePath,
      response: { status: 200, description: 'status', schema: MessageStatusView },
      handler: ({ params }) => {
        const row = store.outbox.get(params.id);
        if (!row) throw new HubError(404, 'unknown_message', `message ${params.id} does not exist`);
        return store.outbox.statusOf(row);
      },
    }),
  ];
}
