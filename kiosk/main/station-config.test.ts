import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStationConfig, pageUrl } from './station-config.ts';

const write = (content: unknown): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'station-')), 'station.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

describe('station config', () => {
  it('loads a kiosk config with defaults and gives its page', () => {
    const config = loadStationConfig(write({ role: 'kiosk', hubUrl: 'http://10.0.0.2:8080', printer: 'tcp://10.0.0.9:9100' }));
    expect(config).toEqual({ role: 'kiosk', hubUrl: 'http://10.0.0.2:8080', printer: 'tcp://10.0.0.9:9100', paper: 80, fullscreen: true });
    expect(pageUrl(config)).toBe('http://10.0.0.2:8080/kiosk');
  });

  it('names each wrong field', () => {
    expect(() => loadStationConfig(write({ role: 'tv', hubUrl: 'ftp://x', printer: 'lpt1' }))).toThrow(/role:.*hubUrl:.*printer:/);
  });

  it('says which file is not JSON', () => {
    const file = write('{role');
    expect(() => loadStationConfig(file)).toThrow(file);
  });
});
