/**
 * The pre-inspection area (预检区) on a staff screen: each configured bay with its vehicle and
 * dwell since arrival, and the vehicles waiting for a bay. With `onAction` (desk, guard) each
 * vehicle can be moved into a free bay or released; without it the board only shows.
 */
import type { Translate } from '../../../shared/src/i18n.ts';
import type { Arrival, BayView } from '../../../shared/src/protocol.ts';
import { prepare, type PreparedCall } from '../../../shared/src/api/client.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import './bays.css';

type Action = (call: PreparedCall, vehicle: Arrival) => void;

function minutesSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
}

export function BayBoard(props: { t: Translate; view: BayView | undefined; now: number; onAction?: Action; compact?: boolean }) {
  const { t, view, now, onAction } = props;
  if (!view) return null;
  const tone = (arrival: Arrival): string => {
    const minutes = minutesSince(arrival.arrivedAt, now);
    return minutes > view.dwellLimitMinutes ? 'late' : minutes >= view.dwellLimitMinutes * 0.75 ? 'soon' : 'fine';
  };
  const freeBays = view.bays.filter((b) => !b.vehicle).map((b) => b.bay);
  const releaseButtons = (vehicle: Arrival) =>
    onAction && (
      <span className="bay-actions">
        <button
          className="small"
          data-release="inspected"
          onClick={() => onAction(prepare(endpoints.releaseArrival, { params: { id: vehicle.id }, body: { reason: 'inspected' } }), vehicle)}
        >
          {t('bays.inspected')}
        </button>
        <button
          className="small secondary"
          data-release="left"
          onClick={() => onAction(prepare(endpoints.releaseArrival, { params: { id: vehicle.id }, body: { reason: 'left' } }), vehicle)}
        >
          {t('bays.left')}
        </button>
      </span>
    );
  const congested = view.count >= view.congestionLimit;
  return (
    <section className={`bay-board ${props.compact ? 'compact' : ''}`} data-testid="bay-board" aria-label={t('bays.title')}>
      <h2>
        {t('bays.title')}{' '}
        <span className={`bay-count ${congested ? 'late' : ''}`} data-testid="bay-count">
          {t('bays.count', { count: view.count, limit: view.congestionLimit })}
        </span>
      </h2>
      <div className="bays">
        {view.bays.map(({ bay, vehicle }) => (
          <div key={bay} className={`bay ${vehicle ? `taken ${tone(vehicle)}` : 'free'}`} data-bay={bay}>
            <div className="bay-name">{bay}</div>
            {vehicle ? (
              <>
                <div className="bay-plate">{vehicle.plate}</div>
                <div className="bay-dwell" data-testid="dwell">
                  {t('bays.minutes', { minutes: minutesSince(vehicle.arrivedAt, now) })} · {t(`bays.source.${vehicle.source}`)}
                </div>
                {releaseButtons(vehicle)}
              </>
            ) : (
              <div className="bay-free">{t('bays.free')}</div>
            )}
          </div>
        ))}
      </div>
      <div className="bay-waiting">
        <h3>
          {t('bays.waiting')} <span className="muted">({view.waiting.length})</span>
        </h3>
        {view.waiting.length === 0 ? (
          <p className="muted">{t('bays.noneWaiting')}</p>
        ) : (
          <ol data-testid="bay-waiting">
            {view.waiting.map((vehicle) => (
              <li key={vehicle.id} className={tone(vehicle)} data-plate={vehicle.plate}>
                <span className="bay-plate">{vehicle.plate}</span>
                <span className="bay-dwell">
                  {t('bays.minutes', { minutes: minutesSince(vehicle.arrivedAt, now) })} · {t(`bays.source.${vehicle.source}`)}
                </span>
                {onAction &&
                  freeBays.map((bay) => (
                    <button
                      key={bay}
                      className="small"
                      data-move={bay}
                      onClick={() => onAction(prepare(endpoints.assignArrivalBay, { params: { id: vehicle.id }, body: { bay } }), vehicle)}
                    >
                      {t('bays.moveTo', { bay })}
                    </button>
                  ))}
                {releaseButtons(vehicle)}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
