import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMessageKey, LANGUAGES, translator } from './i18n.ts';
import { errorText, fieldErrors } from './error-text.ts';

const zh = translator('zh-CN');
const failure = (error: string, issues?: { path: string; message: string }[]) => ({
  status: 400,
  body: { error, message: 'developer text', ...(issues ? { issues } : {}) },
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('error sentences', () => {
  it('has a sentence in every language for every error code the hub and the stations answer with', () => {
    const root = join(import.meta.dirname, '../..');
    const codes = new Set<string>();
    for (const file of [...sources(join(root, 'hub/src')), ...sources(join(root, 'kiosk')), ...sources(join(root, 'shared/src'))]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/HubError\(\d{3}, '([a-z_]+)'/g)) codes.add(m[1]!);
      for (const m of text.matchAll(/\berror: '([a-z_]+)'/g)) codes.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThan(30);
    const missing = [...codes].filter((code) => !isMessageKey(`error.${code}`));
    expect(missing).toEqual([]);
    for (const language of LANGUAGES) {
      const t = translator(language);
      for (const code of codes) expect(t(`error.${code}` as 'error.generic')).not.toMatch(/^error\.|{{/);
    }
  });

  it('shows the sentence for the code, never the hub message', () => {
    expect(errorText(zh, failure('unknown_appointment'))).toBe('没有找到这个预约，请核对预约码');
    expect(errorText(zh, failure('unknown_appointment'), 'customer')).toBe('没有找到这个预约，请核对预约码，或直接选择服务项目取号');
    // A customer never reads about logins or tokens.
    expect(errorText(zh, failure('unauthenticated'), 'customer')).toBe('暂时无法办理，请到前台由工作人员为您服务');
    expect(errorText(zh, new TypeError('Failed to fetch'))).toBe('暂时连不上服务器，请稍后再试');
    expect(errorText(zh, failure('some_future_code'))).toBe('操作未成功，请稍后再试');
    // A hub shedding load (issue #17): a polite "busy, wait a few seconds", to staff and customers alike.
    expect(errorText(zh, failure('overloaded'))).toBe('系统正忙，请稍等几秒再试');
    expect(errorText(zh, failure('overloaded'), 'customer')).toBe('系统正忙，请稍等几秒后再取号');
  });

  it('puts field problems next to their field, in words', () => {
    const err = failure('invalid_request', [
      { path: 'reason', message: 'reason: say why' },
      { path: 'model', message: 'Too small: expected string to have >=1 characters' },
      { path: 'plate', message: 'not a valid plate' },
      { path: 'settings.alerts.0.mystery', message: 'Invalid input' },
    ]);
    expect(fieldErrors(zh, err)).toEqual({
      reason: '原因填写有误，请检查',
      model: '请填写车型',
      plate: '车牌号格式不正确，例如 粤B12345',
      mystery: '填写的内容有误，请检查标红的项目',
    });
  });
});
