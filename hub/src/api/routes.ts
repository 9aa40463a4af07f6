/** Every HTTP route of the hub's API, one file per area. */
import { adminRoutes } from './admin-routes.ts';
import { alertRoutes } from './alert-routes.ts';
import { deviceRoutes } from './device-routes.ts';
import { driveRoutes } from './drive-routes.ts';
import { jobRoutes } from './job-routes.ts';
import { publicRoutes } from './public-routes.ts';
import type { RouteDeps } from './route-deps.ts';
import type { RouteSpec } from './route.ts';
import { ticketRoutes } from './ticket-routes.ts';

export type { RouteDeps } from './route-deps.ts';

export function buildRoutes(deps: RouteDeps): RouteSpec[] {
  return [
    ...publicRoutes(deps),
    ...ticketRoutes(deps),
    ...driveRoutes(deps),
    ...jobRoutes(deps),
    ...adminRoutes(deps),
    ...alertRoutes(deps),
    ...deviceRoutes(deps),
  ];
}
