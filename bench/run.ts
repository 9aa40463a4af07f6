/**
 * `npm run bench`: the product's figures, printed. Speed and accuracy targets live here, never
 * in timed unit tests. Run one with `npm run bench -- wait-estimate`.
 */
import { runAccessFloodBench } from './access-flood.ts';
import { runCallToScreenBenches } from './call-to-screen.ts';
import { runDisplayBench } from './display.ts';
import { runFanoutBench } from './fanout.ts';
import { runGroupBench } from './group.ts';
import { runHubCapacityBench } from './hub-capacity.ts';
import { runNotifyBench } from './notify.ts';
import { runOverloadBench } from './overload.ts';
import { runPrintingBench } from './printing.ts';
import { runStaffEventsBench } from './staff-events.ts';
import { runStoreLoadBench } from './store-load.ts';
import { runTicketBuildBench } from './ticket-build.ts';
import { runWaitEstimateBench } from './wait-estimate.ts';
import { useRunTempDir } from '../test/run-temp-dir.ts';

const fmt = (n: number, digits = 1): string => n.toFixed(digits);

const benches: Record<string, () => Promise<void> | void> = {
  display: async () => {
    for (const line of await runDisplayBench()) console.log(line);
  },
  'hub-capacity': async () => {
    for (const line of await runHubCapacityBench()) console.log(line);
  },
  fanout: async () => {
    for (const line of await runFanoutBench()) console.log(line);
  },
  overload: async () => {
    for (const line of await runOverloadBench()) console.log(line);
  },
  'call-to-screen': async () => {
    for (const line of await runCallToScreenBenches()) console.log(line);
  },
  'store-load': async () => {
    for (const line of await runStoreLoadBench()) console.log(line);
  },
  'access-flood': async () => {
    for (const line of await runAccessFloodBench()) console.log(line);
  },
  printing: async () => {
    for (const line of await runPrintingBench()) console.log(line);
  },
  'ticket-build': () => {
    for (const line of runTicketBuildBench()) console.log(line);
  },
  'staff-events': () => {
    for (const line of runStaffEventsBench()) console.log(line);
  },
  notify: async () => {
    for (const line of await runNotifyBench()) console.log(line);
  },
  group: async () => {
    for (const line of await runGroupBench()) console.log(line);
  },
  'wait-estimate': () => {
    for (const line of runWaitEstimateBench()) console.log(line);
  },
};

const only = process.argv.slice(2);
// The hubs, databases and pages the benches make go in one temp folder, removed at the end.
const runTemp = useRunTempDir(process.env, 'kiosk-bench-');
try {
  for (const [name, bench] of Object.entries(benches)) {
    if (only.length && !only.includes(name)) continue;
    const started = performance.now();
    await bench();
    console.log(`  (${name}: ${fmt((performance.now() - started) / 1000)} s)`);
  }
} finally {
  runTemp.remove();
}
