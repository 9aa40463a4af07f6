/** Every HTTP route of the hub, declared once: the hub serves them, every client calls them. */
import { adminEndpoints } from './admin.ts';
import { authEndpoints } from './auth.ts';
import { driveEndpoints } from './drive.ts';
import { jobsEndpoints } from './jobs.ts';
import { publicEndpoints } from './public.ts';
import { ticketsEndpoints } from './tickets.ts';

export const endpoints = {
  ...publicEndpoints,
  ...ticketsEndpoints,
  ...driveEndpoints,
  ...jobsEndpoints,
  ...adminEndpoints,
  ...authEndpoints,
};
export type EndpointName = keyof typeof endpoints;
