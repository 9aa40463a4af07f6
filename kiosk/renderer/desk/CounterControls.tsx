/** The counter's own controls at the desk: open, paused (with why) or closed, and automatic calling with its countdown. */
import { prepare, type PreparedCall } from '../../../shared/src/api/client.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import type { Translate } from '../../../shared/src/i18n.ts';
import type { CounterStatus } from '../../../shared/src/protocol.ts';

export function CounterControls(props: {
  t: Translate;
  counterId: string;
  status: CounterStatus | null | undefined;
  /** Seconds until the automatic call, while one is pending. */
  pendingSeconds: number | null;
  run: (call: PreparedCall) => Promise<unknown>;
}) {
  const { t, counterId, status, pendingSeconds, run } = props;
  return (
    <>
      <div className="state-row" role="group" aria-label="counter state">
        {(['open', 'paused', 'closed'] as const).map((state) => (
          <button
            key={state}
            className={`chip ${status?.state === state ? 'active' : ''}`}
            data-state={state}
            onClick={() => state !== 'paused' && void run(prepare(endpoints.setCounterState, { params: { counterId }, body: { state } }))}
          >
            {t(`desk.state.${state}`)}
          </button>
        ))}
      </div>
      <div className="pause-reasons">
        {(['break', 'phone', 'test_drive', 'other'] as const).map((reason) => (
          <button
            key={reason}
            className={`chip mini ${status?.state === 'paused' && status.reason === reason ? 'active' : ''}`}
            data-pause={reason}
            onClick={() => void run(prepare(endpoints.setCounterState, { params: { counterId }, body: { state: 'paused', reason } }))}
          >
            {t('desk.state.paused')} · {t(`desk.pause.${reason}`)}
          </button>
        ))}
      </div>
      <label className="auto-call">
        <input
          type="checkbox"
          checked={status?.autoCall ?? false}
          onChange={(e) =>
            void run(
              prepare(endpoints.setAutoCall, {
                params: { counterId },
                body: { enabled: e.target.checked, graceSeconds: status?.graceSeconds ?? 10 },
              }),
            )
          }
        />
        {t('desk.autoCall')} ({status?.graceSeconds ?? 10} s)
      </label>
      {pendingSeconds !== null && (
        <div className="pending" role="status">
          {t('desk.autoCallIn', { seconds: pendingSeconds })}
          <button className="secondary small" onClick={() => void run(prepare(endpoints.cancelAutoCall, { params: { counterId }, body: {} }))}>
            {t('desk.cancelAutoCall')}
          </button>
        </div>
      )}
    </>
  );
}
