/** For test/hub-process-exit.test.ts: starts a hub, says its pid, then dies of an uncaught error. */
import { HubProcess } from './hub-process.ts';

const hub = new HubProcess();
await hub.start();
console.log(`hub pid ${hub.pid()}`);
setTimeout(() => {
  throw new Error('deliberate crash');
}, 10);
