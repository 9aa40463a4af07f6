import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { LiveQueue, type LiveQueueState } from './live-queue.ts';
import { isLanguage, translator, type Language, type Translate } from '../i18n.ts';
import { call } from '../api/client.ts';
import { endpoints } from '../api/index.ts';
import type { HubEvent } from '../protocol.ts';
import type { PublicStore } from '../services.ts';

export type { PublicStore };

/** The store's public settings from the hub, retried until it answers. */
export function useStore(): PublicStore | null {
  const [store, setStore] = useState<PublicStore | null>(null);
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      try {
        const body = await call(endpoints.store, {});
        if (!cancelled) setStore(body);
        // Settings may change during the day: look again every minute.
        if (!cancelled) timer = setTimeout(() => void load(), 60_000);
      } catch {
        if (!cancelled) timer = setTimeout(() => void load(), 2000);
      }
    };
    void load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, []);
  return store;
}

let shared: LiveQueue | null = null;
const liveQueue = (): LiveQueue => (shared ??= new LiveQueue());

export function useLiveQueue(): LiveQueueState {
  const queue = liveQueue();
  useEffect(() => {
    // A TV waking from sleep or a network coming back: catch up at once.
    const wake = (): void => {
      if (document.visibilityState === 'visible') queue.refresh();
    };
    document.addEventListener('visibilitychange', wake);
    window.addEventListener('online', wake);
    return () => {
      document.removeEventListener('visibilitychange', wake);
      window.removeEventListener('online', wake);
    };
  }, [queue]);
  return useSyncExternalStore(
    (onChange) => queue.subscribe(onChange),
    () => queue.current,
  );
}

/** Calls `listener` with every event the live queue applies (see LiveQueue.onEvent); the latest listener is used. */
export function useLiveEvents(listener: (event: HubEvent) => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => liveQueue().onEvent((event) => latest.current(event)), []);
}

/** Language from `?lang=`, else the given default. */
export function initialLanguage(fallback: Language = 'zh-CN'): Language {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  return isLanguage(fromUrl) ? fromUrl : fallback;
}

export function useTranslate(language: Language): Translate {
  return useMemo(() => translator(language), [language]);
}
