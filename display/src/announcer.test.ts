import { describe, expect, it } from 'vitest';
import { Announcer, spokenNumber, utterancesFor, type Speaker } from './announcer.ts';

const counter3 = { 'zh-CN': '3号服务台', en: 'Counter 3' };

describe('utterancesFor', () => {
  it('says the sentence in the store language and English, twice each', () => {
    expect(utterancesFor({ number: 'A012', counter: counter3 }, ['zh-CN', 'en'], 2)).toEqual([
      { text: '请 A 0 1 2 号到 3号服务台', lang: 'zh-CN' },
      { text: '请 A 0 1 2 号到 3号服务台', lang: 'zh-CN' },
      { text: 'Number A 0 1 2, please go to Counter 3', lang: 'en' },
      { text: 'Number A 0 1 2, please go to Counter 3', lang: 'en' },
    ]);
  });

  it('spells numbers out so they are read digit by digit', () => {
    expect(spokenNumber('H101')).toBe('H 1 0 1');
  });
});

describe('Announcer', () => {
  it('announces calls that arrive together one after the other, never overlapping', async () => {
    const log: string[] = [];
    let speaking = 0;
    let overlapped = false;
    const speaker: Speaker = {
      async chime() {
        log.push('chime');
      },
      async say(text) {
        speaking += 1;
        if (speaking > 1) overlapped = true;
        await new Promise((r) => setTimeout(r, 5));
        log.push(text);
        speaking -= 1;
      },
    };
    const captions: (string | null)[] = [];
    const announcer = new Announcer(speaker, { languages: ['zh-CN'], repeat: 2, onCaption: (c) => captions.push(c?.number ?? null) });
    announcer.announce({ number: 'A001', counter: counter3 });
    announcer.announce({ number: 'B002', counter: counter3 });
    announcer.announce({ number: 'H003', counter: counter3 });
    expect(announcer.pending).toBe(3);
    while (announcer.pending) await new Promise((r) => setTimeout(r, 5));
    expect(overlapped).toBe(false);
    expect(log.filter((l) => l === 'chime')).toHaveLength(3);
    expect(log.filter((l) => l.includes('A 0 0 1'))).toHaveLength(2);
    expect(log.indexOf('请 B 0 0 2 号到 3号服务台')).toBeGreaterThan(log.lastIndexOf('请 A 0 0 1 号到 3号服务台'));
    expect(captions).toEqual(['A001', 'B002', 'H003', null]);
  });

  it('keeps going when the speaker fails', async () => {
    const said: string[] = [];
    let first = true;
    const speaker: Speaker = {
      async chime() {
        if (first) {
          first = false;
          throw new Error('audio device gone');
        }
      },
      async say(text) {
        said.push(text);
      },
    };
    const announcer = new Announcer(speaker, { languages: ['en'], repeat: 1 });
    announcer.announce({ number: 'A001', counter: counter3 });
    announcer.announce({ number: 'A002', counter: counter3 });
    while (announcer.pending) await new Promise((r) => setTimeout(r, 5));
    expect(said).toEqual(['Number A 0 0 2, please go to Counter 3']);
  });
});

describe('Announcer backlog', () => {
  it('keeps at most a few calls waiting, dropping the oldest, and never repeats a queued number', async () => {
    const said: string[] = [];
    let release: () => void = () => undefined;
    const speaker: Speaker = {
      chime: () => new Promise<void>((r) => (release = r)),
      async say(text) {
        said.push(text);
      },
    };
    const announcer = new Announcer(speaker, { languages: ['en'], repeat: 1, maxPending: 2 });
    announcer.announce({ number: 'A001', counter: counter3 }); // starts at once, waits on the chime
    for (const n of ['A002', 'A003', 'A004', 'A003']) announcer.announce({ number: n, counter: counter3 });
    expect(announcer.pending).toBe(3);
    while (announcer.pending) {
      release();
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(said.map((s) => s.split(',')[0])).toEqual(['Number A 0 0 1', 'Number A 0 0 4', 'Number A 0 0 3']);
  });
});
