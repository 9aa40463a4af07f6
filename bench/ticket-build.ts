/**
 * Ticket build time and size per printer profile (zh-TW, 80 mm: the language with the most
 * characters outside GB2312, so the GB2312 profile draws some lines as images).
 */
import { PRINTER_PROFILES } from '../kiosk/printer/printer-profiles.ts';
import { buildTicketReceipt } from '../kiosk/printer/ticket-receipt.ts';
import { DEFAULT_STORE } from '../shared/src/services.ts';
import { percentile } from '../hub/src/domain/day-stats.ts';

export function runTicketBuildBench(samples = 20): string[] {
  const ticket = {
    number: 'A012',
    service: 'maintenance',
    ahead: 3,
    estimatedWaitMinutes: 25,
    issuedAtLocal: '2026-11-24 09:41',
    trackingUrl: 'http://192.168.1.10:8080/t/0123456789abcdef0123456789abcdef',
  };
  return PRINTER_PROFILES.map((profile) => {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      bytes = buildTicketReceipt(ticket, DEFAULT_STORE, { paper: 80, language: 'zh-TW', profile }).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return `ticket build, ${profile.id} (zh-TW, 80 mm): median ${percentile(times, 50)!.toFixed(1)} ms, p90 ${percentile(times, 90)!.toFixed(1)} ms, ${bytes} bytes`;
  });
}
