/**
 * A vehicle's way through the workshop (seed 001), as customers see it. Pure.
 *
 *   reception ─▶ waiting ─▶ repair ⇄ parts
 *                             │
 *                             ▼
 *                             qc ─▶ wash ─▶ ready ─▶ delivered
 *                             │  └──────────▲  (wash is skipped when not wanted)
 *                             └─▶ repair (QC found more to do)
 */

export const JOB_STAGES = ['reception', 'waiting', 'repair', 'parts', 'qc', 'wash', 'ready', 'delivered'] as const;
export type JobStage = (typeof JOB_STAGES)[number];

const NEXT: Record<JobStage, readonly JobStage[]> = {
  reception: ['waiting'],
  waiting: ['repair'],
  repair: ['parts', 'qc'],
  parts: ['repair'],
  qc: ['wash', 'ready', 'repair'],
  wash: ['ready'],
  ready: ['delivered'],
  delivered: [],
};

/** Minutes each stage is expected to take before it counts as overdue. */
export type StageMinutes = Record<Exclude<JobStage, 'delivered'>, number>;

export const DEFAULT_STAGE_MINUTES: StageMinutes = {
  reception: 20,
  waiting: 30,
  repair: 90,
  parts: 120,
  qc: 20,
  wash: 20,
  ready: 60,
};

export type StageVerdict = { ok: true } | { ok: false; reason: string };

/** Where a job can go from its stage (wash only when the customer wanted one). */
export function nextStages(stage: JobStage, wash: boolean): JobStage[] {
  return NEXT[stage].filter((s) => s !== 'wash' || wash);
}

export function canMove(from: JobStage, to: JobStage, job: { wash: boolean }): StageVerdict {
  if (!NEXT[from].includes(to)) {
    const options = NEXT[from].filter((s) => s !== 'wash' || job.wash);
    return {
      ok: false,
      reason: options.length ? `a job in ${from} can move to ${options.join(' or ')}, not ${to}` : `a job in ${from} is finished`,
    };
  }
  if (to === 'wash' && !job.wash) return { ok: false, reason: 'the customer did not ask for a wash; move the job to ready' };
  return { ok: true };
}

/** Stages still to come after `stage` on the usual path (parts is a detour, not counted). */
export function remainingPath(stage: JobStage, wash: boolean): JobStage[] {
  const path: JobStage[] = ['reception', 'waiting', 'repair', 'qc', ...(wash ? (['wash'] as const) : []), 'ready', 'delivered'];
  const from = stage === 'parts' ? path.indexOf('repair') : path.indexOf(stage);
  return path.slice(from + 1);
}

export function isOverdue(stage: JobStage, stageStartedAt: number, now: number, minutes: StageMinutes): boolean {
  if (stage === 'delivered') return false;
  return now - stageStartedAt > minutes[stage] * 60_000;
}

/**
 * When the vehicle should be ready: the rest of the current stage plus the expected minutes of
 * each stage still ahead, up to `ready`. Returns epoch ms; `now` once ready.
 */
export function estimateReadyAt(job: { stage: JobStage; stageStartedAt: number; wash: boolean }, now: number, minutes: StageMinutes): number {
  if (job.stage === 'ready' || job.stage === 'delivered') return now;
  const left = Math.max(0, job.stageStartedAt + minutes[job.stage] * 60_000 - now);
  // After parts arrive the repair resumes: count a repair stage after it.
  const ahead = job.stage === 'parts' ? (['repair', ...remainingPath('repair', job.wash)] as JobStage[]) : remainingPath(job.stage, job.wash);
  let total = left;
  for (const stage of ahead) {
    if (stage === 'ready' || stage === 'delivered') break;
    total += minutes[stage] * 60_000;
  }
  return now + total;
}
