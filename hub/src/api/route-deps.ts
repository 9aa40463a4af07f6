/** What every route file needs: the store and its push, and how a command answers. */
import type { PublicUrlChoice } from '../public-url.ts';
import type { GroupShippingStatus } from '../shipping/shipper.ts';
import type { StaffEvent, Ticket as TicketRecord } from '../../../shared/src/protocol.ts';
import type { StoreConfig } from '../../../shared/src/services.ts';
import type { Outcome } from '../store/context.ts';
import type { HubStore } from '../store/hub-store.ts';

export interface RouteDeps {
  store: HubStore;
  /** Sends a reprint to the kiosk that issued a ticket; false when that kiosk is not connected. */
  reprint: (deviceId: number, ticket: TicketRecord) => Promise<boolean>;
  config: StoreConfig;
  broadcast: (events: readonly StaffEvent[]) => void;
  /** Folder for online backups. */
  backupDir: string;
  /** Where ticket QR codes lead; null when the hub runs without a station (tests). */
  publicUrl: PublicUrlChoice | null;
  /** Where shipping to the dealer group stands; null when the hub ships nowhere. */
  groupShipping?: () => GroupShippingStatus | null;
}

/** Pushes what a command committed and answers with its result (marking a replayed answer). */
export function commandDone(deps: Pick<RouteDeps, 'broadcast'>) {
  return <T>(outcome: Outcome<T>, reply: { header: (k: string, v: string) => unknown }): T => {
    deps.broadcast(outcome.events);
    if (outcome.replayed) reply.header('idempotent-replayed', 'true');
    return outcome.result;
  };
}
