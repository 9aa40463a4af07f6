/**
 * The lounge TV's voice: a two-tone chime from Web Audio and sentences from Web Speech. When
 * the TV has no voice for a language (or no speech at all), the sentence still takes its time
 * on screen, so captions keep their rhythm.
 */
import type { Speaker } from './announcer.ts';

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function browserSpeaker(): Speaker {
  let audio: AudioContext | null = null;
  return {
    async chime() {
      try {
        audio ??= new AudioContext();
        const start = audio.currentTime;
        for (const [freq, at] of [
          [880, 0],
          [660, 0.35],
        ] as const) {
          const osc = audio.createOscillator();
          const gain = audio.createGain();
          osc.frequency.value = freq;
          gain.gain.setValueAtTime(0.0001, start + at);
          gain.gain.exponentialRampToValueAtTime(0.4, start + at + 0.02);
          gain.gain.exponentialRampToValueAtTime(0.0001, start + at + 0.6);
          osc.connect(gain).connect(audio.destination);
          osc.start(start + at);
          osc.stop(start + at + 0.65);
        }
      } catch {
        // no audio output: the caption is enough
      }
      await wait(1000);
    },
    async say(text, lang) {
      // Roughly how long a voice takes: a CJK character ~0.25 s, a Latin letter or digit ~0.07 s.
      const estimate = Math.max(
        1200,
        Array.from(text).reduce((ms, ch) => ms + (/[\u3400-\u9fff]/.test(ch) ? 250 : 70), 0),
      );
      const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
      const voice = synth?.getVoices().find((v) => v.lang.replace('_', '-').startsWith(lang.slice(0, 2)));
      if (!synth || !voice) return wait(estimate);
      await new Promise<void>((resolve) => {
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = lang;
        utterance.voice = voice;
        utterance.rate = 0.9;
        const done = (): void => resolve();
        utterance.onend = done;
        utterance.onerror = done;
        setTimeout(done, estimate * 3); // never hang the queue on a silent engine
        synth.speak(utterance);
      });
    },
  };
}
