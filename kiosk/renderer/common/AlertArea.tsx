/**
 * The consoles' alert area (issue #14 item 1): one line per kind of alert with its count and
 * live durations, of bounded height so it never pushes the call button off the screen. A kind
 * that appears anew is highlighted and chimes once; acknowledging works per group.
 */
import { useEffect, useRef, useState } from 'react';
import type { Translate } from '../../../shared/src/i18n.ts';
import type { Alert } from '../../../shared/src/protocol.ts';
import { groupAlerts, type LiveState } from './alert-groups.ts';
import './alert-area.css';

const FRESH_MS = 8000;

export function AlertArea(props: {
  t: Translate;
  alerts: readonly Alert[];
  /** The console's tickets and counters, for live counts; null where the console has none. */
  live: LiveState | null;
  now: number;
  onAcknowledge: (kind: string) => void;
  /** Shown when nothing is open (the manager's tab); the desk shows nothing. */
  emptyText?: string;
}) {
  const { t } = props;
  const groups = groupAlerts(props.alerts, props.live, props.now, t);
  const fresh = useFreshKinds(groups.map((g) => g.kind));
  if (!groups.length) return props.emptyText ? <p className="muted">{props.emptyText}</p> : null;
  return (
    <section className="alert-area" aria-label={t('desk.alerts')} data-testid="alert-area">
      {groups.map((group) => (
        <div
          key={group.kind}
          className={`alert-group ${group.unacknowledged ? '' : 'acknowledged'} ${fresh.has(group.kind) ? 'fresh' : ''}`}
          data-kind={group.kind}
          role={group.unacknowledged ? 'alert' : 'status'}
        >
          <span className="alert-text">
            {group.text}
            {group.hint && <span className="alert-hint"> · {group.hint}</span>}
          </span>
          {group.unacknowledged ? (
            <button className="small" data-action="ack-kind" onClick={() => props.onAcknowledge(group.kind)}>
              {group.alerts.length > 1 ? t('alertGroup.ackAll') : t('desk.ack')}
            </button>
          ) : (
            <span className="alert-acked">✓ {t('alertGroup.acknowledged')}</span>
          )}
        </div>
      ))}
    </section>
  );
}

/** Kinds that appeared since the last render, for a highlight and one chime; not every alert. */
function useFreshKinds(kinds: string[]): Set<string> {
  const seen = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const signature = kinds.join(',');
  useEffect(() => {
    const current = new Set(signature ? signature.split(',') : []);
    const previous = seen.current;
    seen.current = current;
    if (!previous) return undefined; // what is open when the console opens is not news
    const added = [...current].filter((k) => !previous.has(k));
    if (!added.length) return undefined;
    chime();
    setFresh((f) => new Set([...f, ...added]));
    const timer = setTimeout(() => setFresh((f) => new Set([...f].filter((k) => !added.includes(k)))), FRESH_MS);
    return () => clearTimeout(timer);
  }, [signature]);
  return fresh;
}

function chime(): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.4);
    tone.onended = () => void audio.close();
  } catch {
    // No audio device: the highlight alone tells the news.
  }
}
