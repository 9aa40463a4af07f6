/**
 * Call announcements for the lounge: a chime, then the sentence in the store's language and in
 * English, each said twice. Calls that arrive together are announced one after the other,
 * never over each other. The speaking itself is behind `Speaker` (Web Speech + Web Audio in the
 * browser); this module only decides what is said, in which order. No DOM.
 */

export interface Speaker {
  chime(): Promise<void>;
  say(text: string, lang: string): Promise<void>;
}

export interface Announcement {
  number: string;
  /** Counter names per language, e.g. { 'zh-CN': '3号服务台', en: 'Counter 3' }. */
  counter: Record<string, string>;
}

export interface Utterance {
  text: string;
  lang: string;
}

/** How a number is spoken: character by character, so "A012" is not read as "A twelve". */
export function spokenNumber(number: string): string {
  return Array.from(number).join(' ');
}

export function utterancesFor(call: Announcement, languages: readonly string[], repeat: number): Utterance[] {
  const sentence: Record<string, (n: string, c: string) => string> = {
    'zh-CN': (n, c) => `请 ${n} 号到 ${c}`,
    'zh-TW': (n, c) => `請 ${n} 號到 ${c}`,
    en: (n, c) => `Number ${n}, please go to ${c}`,
  };
  const out: Utterance[] = [];
  for (const lang of languages) {
    const make = sentence[lang];
    if (!make) continue;
    for (let i = 0; i < repeat; i++) out.push({ text: make(spokenNumber(call.number), call.counter[lang] ?? call.counter['zh-CN'] ?? ''), lang });
  }
  return out;
}

export class Announcer {
  private readonly queue: Announcement[] = [];
  private running = false;

  constructor(
    private readonly speaker: Speaker,
    private readonly options: {
      languages: readonly string[];
      repeat: number;
      onCaption?: (call: Announcement | null) => void;
      /** Calls waiting to be announced beyond this are dropped, oldest first (they stay listed on screen). */
      maxPending?: number;
      /** Each call keeps the caption (the TV's big slot) at least this long, however fast the voice. */
      minShowMs?: number;
    },
  ) {}

  /** Queues a call for announcement. A recall of a number already queued replaces it. */
  announce(call: Announcement): void {
    const same = this.queue.findIndex((q) => q.number === call.number);
    if (same >= 0) this.queue.splice(same, 1);
    this.queue.push(call);
    const max = this.options.maxPending ?? 5;
    if (this.queue.length > max) this.queue.splice(0, this.queue.length - max);
    if (!this.running) void this.drain();
  }

  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      for (let call = this.queue.shift(); call; call = this.queue.shift()) {
        this.options.onCaption?.(call);
        const shownAt = Date.now();
        try {
          await this.speaker.chime();
          for (const u of utterancesFor(call, this.options.languages, this.options.repeat)) await this.speaker.say(u.text, u.lang);
        } catch {
          // A speaker failure must never stop later announcements.
        }
        const rest = (this.options.minShowMs ?? 0) - (Date.now() - shownAt);
        if (rest > 0) await new Promise((r) => setTimeout(r, rest));
      }
    } finally {
      this.running = false;
      this.options.onCaption?.(null);
    }
  }
}
