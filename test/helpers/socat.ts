/** A pair of linked pseudo-terminals from socat: a real serial line for the real serialport binding. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export class PtyPair {
  private child: ChildProcess | null = null;

  constructor(
    /** The end the device code opens. */
    readonly path: string,
    /** The end the test writes to, as the device would. */
    readonly peer: string,
  ) {}

  async start(): Promise<void> {
    const child = spawn('socat', [`pty,raw,echo=0,link=${this.path}`, `pty,raw,echo=0,link=${this.peer}`], { stdio: 'ignore' });
    this.child = child;
    const deadline = Date.now() + 5000;
    while (!(existsSync(this.path) && existsSync(this.peer))) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('socat did not create the pty pair (is socat installed?)');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The line goes away, as when a USB serial adapter is pulled out. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
