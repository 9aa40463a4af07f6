/** The public projection lives in shared/ (staff pages apply events with it too). */
export { leanFrame, publicJob, publicTicket, toPublicEvent } from '../../../shared/src/projection.ts';
