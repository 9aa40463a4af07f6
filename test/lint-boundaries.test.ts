/**
 * The import-boundary lint rule (eslint.config.js) refuses every crossing DESIGN.md §2 forbids
 * — including the ones this codebase once had — and allows the permitted directions.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/hub-process.ts';

const eslint = new ESLint({ cwd: repoRoot });

/** The boundary messages ESLint gives `source` as if it were the file at `filePath`. */
async function crossings(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('refuses the crossings the code once had', async () => {
    // hub/src/main.ts took the printer and the station from kiosk/.
    expect(await crossings('hub/src/main.ts', "import { createStation } from '../../kiosk/station/station.ts';\nexport { createStation };\n")).toEqual([
      expect.stringContaining('hub/ imports only shared/'),
    ]);
    // display/ used the kiosk's hooks, which used display's live queue (a cycle).
    expect(
      await crossings('display/src/DisplayApp.tsx', "import { useStore } from '../../kiosk/renderer/common/hooks.ts';\nexport { useStore };\n"),
    ).toHaveLength(1);
    expect(
      await crossings('kiosk/renderer/common/hooks.ts', "import { LiveQueue } from '../../../display/src/live-queue.ts';\nexport { LiveQueue };\n"),
    ).toHaveLength(1);
    expect(await crossings('display/src/main.tsx', "import '../../kiosk/renderer/common/base.css';\n")).toHaveLength(1);
  });

  it('refuses shared/ importing any app, and a part importing the all-in-one', async () => {
    for (const target of ['../../hub/src/app.ts', '../../kiosk/printer/printer-url.ts', '../../display/src/paging.ts', '../../all-in-one/main.ts']) {
      expect(await crossings('shared/src/x.ts', `import * as m from '${target}';\nexport { m };\n`), target).toHaveLength(1);
    }
    expect(await crossings('kiosk/station/x.ts', "import * as m from '../../all-in-one/station-settings.ts';\nexport { m };\n")).toHaveLength(1);
  });

  it('keeps the group server and the store hub apart: each imports only shared/ (and itself)', async () => {
    expect(await crossings('group/src/x.ts', "import * as m from '../../hub/src/shipping/ship-record.ts';\nexport { m };\n")).toEqual([
      expect.stringContaining('group/ (the dealer group server) imports only shared/'),
    ]);
    expect(await crossings('hub/src/x.ts', "import * as m from '../../group/src/stats.ts';\nexport { m };\n")).toHaveLength(1);
    expect(await crossings('shared/src/x.ts', "import * as m from '../../group/src/schema.ts';\nexport { m };\n")).toHaveLength(1);
    expect(await crossings('group/src/x.ts', "import * as m from '../../shared/src/time.ts';\nimport * as n from './stats.ts';\nexport { m, n };\n")).toEqual(
      [],
    );
    // The hub's own shipping folder is not the group server.
    expect(await crossings('hub/src/app.ts', "import * as m from './shipping/shipper.ts';\nexport { m };\n")).toEqual([]);
  });

  it('allows shared/ from every part, a part within itself, and the composition roots anything', async () => {
    expect(
      await crossings(
        'hub/src/store/x.ts',
        "import * as m from '../../../shared/src/protocol.ts';\nimport * as n from '../domain/queue.ts';\nexport { m, n };\n",
      ),
    ).toEqual([]);
    expect(
      await crossings(
        'kiosk/renderer/kiosk/x.tsx',
        "import * as m from '../../../shared/src/client/hooks.ts';\nimport * as n from '../common/session.ts';\nexport { m, n };\n",
      ),
    ).toEqual([]);
    expect(await crossings('display/src/x.tsx', "import * as m from '../../shared/src/client/live-queue.ts';\nexport { m };\n")).toEqual([]);
    expect(
      await crossings('all-in-one/x.ts', "import * as m from '../hub/src/app.ts';\nimport * as n from '../kiosk/station/station.ts';\nexport { m, n };\n"),
    ).toEqual([]);
  });
});
