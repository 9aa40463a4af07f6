/**
 * The Electron kiosk's station answers over IPC what its HTTP face answers: a refusal keeps its
 * status and stable code, so the page can say "the service desk cannot be reached" instead of a
 * generic failure. Electron's contextBridge drops custom properties of thrown errors, so answers
 * cross it as values and the page turns them into errors (fromBridge). Real station, real TCP
 * (a closed port for "no hub"); only the Electron transport between the two halves is left out.
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { errorCode } from '../../shared/src/error-text.ts';
import { httpHubClient } from '../station/hub-client.ts';
import { createStation } from '../station/station.ts';
import { fromBridge, StationError } from '../renderer/kiosk/station-api.ts';
import { stationIpc } from './station-ipc.ts';

/** A port nothing listens on: connections to it are refused. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function stationWithoutHub() {
  return createStation({
    hub: httpHubClient(`http://127.0.0.1:${await closedPort()}`, { timeoutMs: 2000 }),
    openPrinter: () => {
      throw new Error('no printing expected in this test');
    },
    publicUrl: 'http://127.0.0.1/',
  });
}

describe('the kiosk station over IPC', () => {
  it('answers a hub it cannot reach with 503 hub_unreachable, which the page reads as that code', async () => {
    const station = await stationWithoutHub();
    const ipc = stationIpc(async () => station);
    const answer = await ipc.issueTicket({ service: 'maintenance', language: 'zh-CN', idempotencyKey: 'station-ipc-1' });
    expect(answer).toEqual({
      ok: false,
      status: 503,
      error: { error: 'hub_unreachable', message: 'the hub is unreachable and this kiosk has no offline mode' },
    });
    const page = fromBridge({ issueTicket: async () => answer, submitSurvey: async () => ({ ok: true, result: null }) });
    const failure = await page.issueTicket({ service: 'maintenance', language: 'zh-CN', idempotencyKey: 'station-ipc-1' }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(StationError);
    expect(errorCode(failure)).toBe('hub_unreachable');
    expect((failure as StationError).status).toBe(503);
  });

  it('refuses bad input with the validation code and its fields, and a survey the same way', async () => {
    const ipc = stationIpc(stationWithoutHub);
    const ticket = await ipc.issueTicket({ service: 42 });
    expect(ticket.ok).toBe(false);
    expect(!ticket.ok && ticket.status).toBe(400);
    expect(!ticket.ok && ticket.error.error).toBe('invalid_request');
    const survey = await ipc.submitSurvey({ scores: 'five' });
    expect(!survey.ok && survey.status).toBe(400);
    expect(!survey.ok && survey.error.error).toBe('invalid_request');
  });

  it('says station_error, not a stack trace, when the station itself fails', async () => {
    const ipc = stationIpc(async () => {
      throw new Error('this station is a desk, not a kiosk');
    });
    const answer = await ipc.issueTicket({ service: 'maintenance', language: 'zh-CN', idempotencyKey: 'station-ipc-3' });
    expect(answer).toEqual({ ok: false, status: 500, error: { error: 'station_error', message: 'this station is a desk, not a kiosk' } });
  });
});
