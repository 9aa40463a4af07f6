/** Failed logins per client address: slows PIN guessing. */
import { HubError } from './store/context.ts';

export class LoginGuard {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();
  constructor(
    private readonly maxFailures = 5,
    private readonly lockMs = 60_000,
  ) {}

  check(address: string, now: number): void {
    const entry = this.failures.get(address);
    if (entry && entry.lockedUntil > now) {
      throw new HubError(429, 'too_many_attempts', `too many wrong PINs; try again in ${Math.ceil((entry.lockedUntil - now) / 1000)} s`);
    }
  }

  failed(address: string, now: number): void {
    const entry = this.failures.get(address) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= this.maxFailures) {
      entry.lockedUntil = now + this.lockMs;
      entry.count = 0;
    }
    this.failures.set(address, entry);
  }

  succeeded(address: string): void {
    this.failures.delete(address);
  }
}
