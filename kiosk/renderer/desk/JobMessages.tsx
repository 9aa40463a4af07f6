/**
 * One compact line per job at the desk (issue #15): each message sent or due to the customer and
 * how it went (sent, waiting and why, not sent and the provider's reason). Refreshed when the job
 * changes and every 10 s while shown, since sending happens after the change that caused it.
 */
import { useEffect, useState } from 'react';
import type { Translate } from '../../../shared/src/i18n.ts';
import type { Job } from '../../../shared/src/protocol.ts';
import { messageStatusText, type MessageStatus } from '../../../shared/src/message-status.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { api } from '../common/session.ts';

const REFRESH_MS = 10_000;

export function JobMessages(props: { t: Translate; token: string; job: Job; timeZone: string }) {
  const { t, token, job, timeZone } = props;
  const [list, setList] = useState<(MessageStatus & { id: string })[] | null>(null);

  useEffect(() => {
    let stopped = false;
    const load = (): void => {
      api(endpoints.jobMessages, { params: { id: job.id } }, { token })
        .then((answer) => {
          if (!stopped) setList(answer);
        })
        .catch(() => undefined); // the line keeps its last state; the page shows the hub's health elsewhere
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [job.id, job.stage, job.additionalWorkPending, token]);

  if (!list) return null;
  return (
    <p className="job-messages" data-testid="job-messages" data-job={job.id}>
      <span className="muted">{t('messages.title')}</span>
      {list.length === 0 && <span className="muted"> · {t('messages.none')}</span>}
      {list.map((m) => (
        <span key={m.id} className={`message-status ${m.status}`} data-status={m.status}>
          {messageStatusText(t, m, timeZone)}
        </span>
      ))}
    </p>
  );
}
