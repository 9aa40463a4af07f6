/** Alerts: raised and resolved by the rules on each evaluation, acknowledged by staff. */
import type { Alert } from '../../../shared/src/protocol.ts';
import { describeActor, type Actor } from '../auth.ts';
import { evaluateAlerts, type AlertCondition, type AlertInputs } from '../domain/alert-rules.ts';
import { HubError, type EventBody, type Outcome, type StoreContext } from './context.ts';

interface AlertRow {
  id: number;
  kind: string;
  key: string;
  audience: 'desk' | 'manager';
  subject: string;
  business_day: string;
  raised_at: string;
  resolved_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

/** Kinds the rules own: an open one whose condition no longer holds is resolved. */
const RULE_KINDS = ['greeting_wait', 'preinspection_congestion', 'preinspection_dwell', 'complaint_overdue'];

const system: Actor = { kind: 'system', name: 'alert-rules' };

export class AlertStore {
  constructor(private readonly ctx: StoreContext) {}

  private get db() {
    return this.ctx.db;
  }

  /** Applies the rules to the current state; returns the alerts raised and resolved. */
  evaluate(inputs: Omit<AlertInputs, 'now' | 'businessDay' | 'congestionSince' | 'greetingSince'>): Outcome<{ raised: number; resolved: number }> {
    const open = this.db.prepare('SELECT * FROM alerts WHERE resolved_at IS NULL').all() as AlertRow[];
    const congestion = open.find((a) => a.kind === 'preinspection_congestion');
    const greeting = open.find((a) => a.kind === 'greeting_wait' && a.key.startsWith(`greeting_wait:${this.ctx.businessDay()}:`));
    const conditions = evaluateAlerts(
      {
        ...inputs,
        now: this.ctx.now().getTime(),
        businessDay: this.ctx.businessDay(),
        congestionSince: congestion ? Date.parse(congestion.raised_at) : null,
        greetingSince: greeting ? Number(greeting.key.split(':')[2]) : null,
      },
      this.ctx.config.alerts,
    );
    const holding = new Set(conditions.map((c) => c.key));
    const known = new Set(
      (this.db.prepare('SELECT key FROM alerts WHERE key IN (SELECT value FROM json_each(?))').all(JSON.stringify([...holding])) as { key: string }[]).map(
        (r) => r.key,
      ),
    );
    this.refreshSubjects(open, conditions);
    const toRaise = conditions.filter((c) => !known.has(c.key));
    const toResolve = open.filter((a) => RULE_KINDS.includes(a.kind) && !holding.has(a.key));
    if (!toRaise.length && !toResolve.length) return { result: { raised: 0, resolved: 0 }, replayed: false, events: [] };
    return this.ctx.command(
      { action: 'alert.evaluate', actor: system, request: { raise: toRaise.map((c) => c.key), resolve: toResolve.map((a) => a.key) } },
      (emit) => {
        const now = this.ctx.nowIso();
        for (const condition of toRaise) emit({ type: 'alert.raised', at: now, alert: this.insert(condition, now) });
        for (const alert of toResolve) {
          const row = this.db.prepare('UPDATE alerts SET resolved_at = ? WHERE id = ? RETURNING *').get(now, alert.id) as AlertRow;
          emit({ type: 'alert.resolved', at: now, alert: toAlert(row) });
        }
        return { raised: toRaise.length, resolved: toResolve.length };
      },
    );
  }

  /**
   * Raised by a device (printer or scanner fault); resolved when the device reports it fixed.
   * Reports that change nothing (still connected, still broken) write nothing.
   */
  report(condition: AlertCondition, resolved: boolean, actor: Actor): Outcome<Alert | null> {
    const prefix = `${condition.key}:`;
    const open = this.db.prepare('SELECT * FROM alerts WHERE substr(key, 1, ?) = ? AND resolved_at IS NULL').get(prefix.length, prefix) as AlertRow | undefined;
    if (resolved ? !open : open) return { result: open ? toAlert(open) : null, replayed: false, events: [] };
    return this.ctx.command({ action: resolved ? 'alert.clear' : 'alert.report', actor, request: condition }, (emit) => {
      const now = this.ctx.nowIso();
      if (open) {
        const row = this.db.prepare('UPDATE alerts SET resolved_at = ? WHERE id = ? RETURNING *').get(now, open.id) as AlertRow;
        const alert = toAlert(row);
        emit({ type: 'alert.resolved', at: now, alert });
        return alert;
      }
      // A key may recur after being resolved (the paper runs out again): each incident is its own alert.
      const alert = this.insert({ ...condition, key: `${condition.key}:${now}` }, now);
      emit({ type: 'alert.raised', at: now, alert });
      return alert;
    });
  }

  /** Inside another command (a complaint opened): raises an alert with the command's events. */
  raiseIn(emit: (body: EventBody) => unknown, condition: AlertCondition): Alert {
    const now = this.ctx.nowIso();
    const alert = this.insert(condition, now);
    emit({ type: 'alert.raised', at: now, alert });
    return alert;
  }

  /** Inside another command: resolves the open alert with this key, if any. */
  resolveIn(emit: (body: EventBody) => unknown, key: string): void {
    const now = this.ctx.nowIso();
    const rows = this.db.prepare('UPDATE alerts SET resolved_at = ? WHERE key = ? AND resolved_at IS NULL RETURNING *').all(now, key) as AlertRow[];
    for (const row of rows) emit({ type: 'alert.resolved', at: now, alert: toAlert(row) });
  }

  /**
   * An open incident's figures (how many wait, the longest wait) follow the state without an
   * event of their own: consoles show live counts from their own state; the row keeps the last.
   */
  private refreshSubjects(open: AlertRow[], conditions: AlertCondition[]): void {
    const byKey = new Map(open.map((a) => [a.key, a]));
    const update = this.db.prepare('UPDATE alerts SET subject = ? WHERE id = ?');
    for (const condition of conditions) {
      const row = byKey.get(condition.key);
      const subject = JSON.stringify(condition.subject);
      if (row && row.subject !== subject) update.run(subject, row.id);
    }
  }

  /** Acknowledges every open, unacknowledged alert of one kind at once ("知道了" for a group). */
  acknowledgeKind(kind: string, idempotencyKey: string, actor: Actor): Outcome<Alert[]> {
    return this.ctx.command({ action: 'alert.ack-kind', actor, idempotencyKey, request: { kind }, target: `alert-kind:${kind}` }, (emit) => {
      const now = this.ctx.nowIso();
      const rows = this.db
        .prepare('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE kind = ? AND resolved_at IS NULL AND acknowledged_at IS NULL RETURNING *')
        .all(now, describeActor(actor), kind) as AlertRow[];
      const alerts = rows.map(toAlert);
      for (const alert of alerts) emit({ type: 'alert.acknowledged', at: now, alert });
      return alerts;
    });
  }

  acknowledge(alertId: number, idempotencyKey: string, actor: Actor): Outcome<Alert> {
    return this.ctx.command({ action: 'alert.ack', actor, idempotencyKey, request: { alertId }, target: `alert:${alertId}` }, (emit) => {
      const row = this.db.prepare('SELECT * FROM alerts WHERE id = ?').get(alertId) as AlertRow | undefined;
      if (!row) throw new HubError(404, 'unknown_alert', `alert ${alertId} does not exist`);
      if (row.acknowledged_at)
        throw new HubError(409, 'already_acknowledged', `alert ${alertId} was already acknowledged by ${row.acknowledged_by} at ${row.acknowledged_at}`);
      const now = this.ctx.nowIso();
      const updated = this.db
        .prepare('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? RETURNING *')
        .get(now, describeActor(actor), alertId) as AlertRow;
      const alert = toAlert(updated);
      emit({ type: 'alert.acknowledged', at: now, alert });
      return alert;
    });
  }

  /** Day close: alerts of earlier business days are resolved (their causes are closed too). */
  resolveEarlierDays(emit: (body: EventBody) => unknown): number {
    const now = this.ctx.nowIso();
    const rows = this.db
      .prepare('UPDATE alerts SET resolved_at = ? WHERE resolved_at IS NULL AND business_day < ? RETURNING *')
      .all(now, this.ctx.businessDay()) as AlertRow[];
    for (const row of rows) emit({ type: 'alert.resolved', at: now, alert: toAlert(row) });
    return rows.length;
  }

  list(options: { openOnly: boolean; day?: string }): Alert[] {
    const rows = options.openOnly
      ? // Open means the cause still holds: an alert whose cause ended leaves the consoles by itself.
        (this.db.prepare('SELECT * FROM alerts WHERE resolved_at IS NULL ORDER BY raised_at DESC').all() as AlertRow[])
      : (this.db.prepare('SELECT * FROM alerts WHERE business_day = ? ORDER BY raised_at DESC').all(options.day ?? this.ctx.businessDay()) as AlertRow[]);
    return rows.map(toAlert);
  }

  countsByKind(from: string, to: string): Record<string, number> {
    const rows = this.db.prepare('SELECT kind, COUNT(*) AS n FROM alerts WHERE business_day BETWEEN ? AND ? GROUP BY kind').all(from, to) as {
      kind: string;
      n: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
  }

  private insert(condition: AlertCondition, now: string): Alert {
    const row = this.db
      .prepare(`INSERT INTO alerts (kind, key, audience, subject, business_day, raised_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *`)
      .get(condition.kind, condition.key, condition.audience, JSON.stringify(condition.subject), this.ctx.businessDay(), now) as AlertRow;
    return toAlert(row);
  }
}

function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    kind: row.kind,
    audience: row.audience,
    subject: JSON.parse(row.subject) as Record<string, string | number>,
    businessDay: row.business_day,
    raisedAt: row.raised_at,
    resolvedAt: row.resolved_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
  };
}
