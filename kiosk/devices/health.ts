/** What a station reports to the hub about each of its devices. */
export interface DeviceHealth {
  /** Installer's name for it, e.g. `scanner at kiosk 1`. */
  name: string;
  kind: 'scanner' | 'call-button' | 'printer';
  connected: boolean;
  /** ISO time of the last input or successful open. */
  lastSeen: string | null;
  errors: number;
  lastError: string | null;
}

export function freshHealth(name: string, kind: DeviceHealth['kind']): DeviceHealth {
  return { name, kind, connected: false, lastSeen: null, errors: 0, lastError: null };
}
