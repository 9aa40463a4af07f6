/**
 * Summarises a V8 CPU profile (`node --cpu-prof`; the fan-out bench writes one for the hub with
 * FANOUT_CPU_PROF=<folder>): `tsx bench/profile-summary.ts <file.cpuprofile> [top]`. Prints the
 * functions with the most self time, and self time by where the code lives (the hub's own
 * folders, each package in node_modules, Node's internals), as shares of all samples.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function summarise(profile: Profile, top = 15): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const place = (url: string): string => {
    if (!url) return '(V8/native)';
    if (url.startsWith('node:')) return 'node internals';
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (pkg) return pkg[1]!;
    const own = /\/(hub\/src\/[^/]+|shared\/src|kiosk\/[^/]+)/.exec(url);
    return own ? own[1]! : url;
  };
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const file = frame.url.replace(/^.*\/(node_modules\/)?/, '');
    const key = `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byPlace.set(place(frame.url), (byPlace.get(place(frame.url)) ?? 0) + us);
  }
  const pct = (us: number): string => `${((100 * us) / total).toFixed(1)} %`;
  const rank = (m: Map<string, number>): [string, number][] => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `${(total / 1e6).toFixed(1)} s sampled`,
    'self time by function:',
    ...rank(byFunction).map(([k, us]) => `  ${pct(us).padStart(7)}  ${k}`),
    'self time by place:',
    ...rank(byPlace).map(([k, us]) => `  ${pct(us).padStart(7)}  ${k}`),
  ];
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Profile;
  for (const line of summarise(profile, Number(process.argv[3] ?? 15))) console.log(line);
}
