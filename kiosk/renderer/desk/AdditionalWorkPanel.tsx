/**
 * The desk's additional work (增项, issue #15): work waiting for the customer's answer — priced
 * work item by item, marked with where the customer answered; an unpriced note approved or
 * declined — and the work answered since, with each item's answer.
 */
import { formatYuan } from '../../../shared/src/additional-work-text.ts';
import { prepare, type PreparedCall } from '../../../shared/src/api/client.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import type { Translate } from '../../../shared/src/i18n.ts';
import type { Job } from '../../../shared/src/protocol.ts';
import { JobMessages } from './JobMessages.tsx';
import { WorkAnswerForm } from './WorkAnswerForm.tsx';
import { WorkPhotos } from './WorkPhotos.tsx';

const pendingWork = (job: Job) => job.additionalWork?.find((w) => w.status === 'pending') ?? null;

export function AdditionalWorkPanel(props: {
  t: Translate;
  jobs: readonly Job[];
  token: string;
  timeZone: string;
  run: (call: PreparedCall) => Promise<unknown>;
}) {
  const { t, run } = props;
  const approvals = props.jobs.filter((j) => j.additionalWorkPending);
  const answeredWork = props.jobs.filter((j) => j.stage !== 'delivered' && j.additionalWork?.at(-1)?.status === 'answered');
  return (
    <>
      {approvals.length > 0 && (
        <div className="approvals">
          <h2>{t('desk.approvals')}</h2>
          {approvals.map((job: Job) => (
            <div key={job.id} className="approval" data-job={job.id}>
              <strong>{job.plate}</strong> {job.customer} — {job.additionalWorkNote}
              {pendingWork(job) ? (
                // Priced work: item by item, marked with where the customer answered.
                <>
                  <WorkAnswerForm
                    t={t}
                    work={pendingWork(job)!}
                    onAnswer={(approvals, source) =>
                      void run(prepare(endpoints.answerWorkAtDesk, { params: { id: job.id, workId: pendingWork(job)!.id }, body: { approvals, source } }))
                    }
                  />
                  <WorkPhotos t={t} token={props.token} jobId={job.id} work={pendingWork(job)!} run={run} />
                </>
              ) : (
                <>
                  <button
                    className="small"
                    onClick={() => void run(prepare(endpoints.answerAdditionalWork, { params: { id: job.id }, body: { approved: true } }))}
                  >
                    {t('desk.approve')}
                  </button>
                  <button
                    className="small secondary"
                    onClick={() => void run(prepare(endpoints.answerAdditionalWork, { params: { id: job.id }, body: { approved: false } }))}
                  >
                    {t('desk.decline')}
                  </button>
                </>
              )}
              <JobMessages t={t} token={props.token} job={job} timeZone={props.timeZone} />
            </div>
          ))}
        </div>
      )}
      {answeredWork.length > 0 && (
        <div className="approvals" data-testid="answered-work">
          <h2>{t('desk.work.answered')}</h2>
          {answeredWork.map((job: Job) => {
            const work = job.additionalWork!.at(-1)!;
            return (
              <div key={job.id} className="approval" data-job={job.id}>
                <strong>{job.plate}</strong> {job.customer}
                {work.items.map((item, i) => (
                  <span key={i} className={work.answer?.find((a) => a.itemIndex === i)?.approved ? 'work-yes' : 'work-no'}>
                    {item.description} {formatYuan(item.priceYuan)} ·{' '}
                    {work.answer?.find((a) => a.itemIndex === i)?.approved ? t('track.work.approve') : t('track.work.decline')}
                  </span>
                ))}
                {work.answerSource && <span className="muted">{t(`desk.work.source.${work.answerSource}`)}</span>}
                <WorkPhotos t={t} token={props.token} jobId={job.id} work={work} run={run} />
              </div>
            );
          })}
        </div>
      )}
    </>
  );
}
