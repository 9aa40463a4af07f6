/**
 * The one protocol of the product: every request body, response and pushed event that crosses
 * a process boundary, as zod schemas with their TypeScript types, one file per area under
 * protocol/. Hub, station and pages all import from here (STYLE.md practice 1); the routes that
 * carry them are declared in api/, from which the hub's OpenAPI document is generated.
 */
export * from './protocol/building-blocks.ts';
export * from './protocol/tickets.ts';
export * from './protocol/counters.ts';
export * from './protocol/appointments.ts';
export * from './protocol/jobs.ts';
export * from './protocol/drive.ts';
export * from './protocol/cases.ts';
export * from './protocol/alerts.ts';
export * from './protocol/auth.ts';
export * from './protocol/queue.ts';
export * from './protocol/station.ts';
export * from './protocol/client-state.ts';
