import { describe, expect, it } from 'vitest';
import { waitSentence, waitText } from './wait-text.ts';

describe('waitText', () => {
  it('says the 80 % range in each store language', () => {
    const wait = { ahead: 4, estimatedWaitMinutes: 29, estimatedWaitRange: { low: 25, high: 35 } };
    expect(waitText(wait, 'zh-CN')).toBe('约 25–35 分钟');
    expect(waitText(wait, 'zh-TW')).toBe('約 25–35 分鐘');
    expect(waitText(wait, 'en')).toBe('about 25–35 min');
    expect(waitSentence(wait, 'zh-CN')).toBe('预计等候约 25–35 分钟');
    expect(waitSentence(wait, 'en')).toBe('Estimated wait about 25–35 min');
  });

  it('never says 0 minutes with people ahead, even from a hub without a range', () => {
    expect(waitText({ ahead: 2, estimatedWaitMinutes: 0 }, 'zh-CN')).toBe('约 1 分钟');
    expect(waitText({ ahead: 2, estimatedWaitMinutes: 0, estimatedWaitRange: { low: 0, high: 0 } }, 'zh-CN')).toBe('约 1 分钟');
    expect(waitText({ ahead: 0, estimatedWaitMinutes: 0, estimatedWaitRange: { low: 0, high: 0 } }, 'zh-CN')).toBe('即将为您叫号');
    expect(waitSentence({ ahead: 0, estimatedWaitMinutes: 0 }, 'zh-CN')).toBe('即将为您叫号');
  });

  it('gives nothing when the hub has no estimate', () => {
    expect(waitText({ ahead: 3, estimatedWaitMinutes: null }, 'zh-CN')).toBeNull();
    expect(waitSentence({ ahead: 3, estimatedWaitMinutes: null, estimatedWaitRange: null }, 'en')).toBeNull();
  });
});
