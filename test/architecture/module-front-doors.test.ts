import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The project's own ESLint configuration, so this also proves the rule is switched on for src/.
const eslint = new ESLint();

async function frontDoorErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/module-front-doors').map((m) => m.message);
}

describe('modules have front doors (eslint-local-rules.js)', () => {
  it("refuses an import of another module's inner file, naming the door to use", async () => {
    const errors = await frontDoorErrors(
      'src/modules/crisis/example.ts',
      "export { findVisiblePerson } from '../people/repository.js';\n",
    );
    expect(errors).toEqual([expect.stringContaining("import it from '../people/index.js'")]);
  });

  it('refuses type-only and dynamic imports of inner files too', async () => {
    const code =
      "import type { PlanContent } from '../contingency-plans/schema.js';\n" +
      "export type Plan = PlanContent;\nexport const load = () => import('../directory/csv.js');\n";
    expect(await frontDoorErrors('src/modules/crisis/example.ts', code)).toHaveLength(2);
  });

  it("allows another module's index.ts and a module's own inner files", async () => {
    const code =
      "import { findVisiblePerson } from '../people/index.js';\n" +
      "import { crisisSettings } from './settings.js';\nexport { findVisiblePerson, crisisSettings };\n";
    expect(await frontDoorErrors('src/modules/crisis/example.ts', code)).toEqual([]);
  });

  it('holds for code outside the modules (app, cli, seed) as well', async () => {
    const code = "export { insertEvent } from '../modules/people/repository.js';\n";
    expect(await frontDoorErrors('src/seed/example.ts', code)).toHaveLength(1);
  });

  it('refuses any import of a module from the platform, even its index.ts', async () => {
    const code = "export { registerPeopleModule } from '../../modules/people/index.js';\n";
    expect(await frontDoorErrors('src/platform/http/example.ts', code)).toEqual([
      expect.stringContaining('The platform must not depend on a module'),
    ]);
  });

  it("refuses one part of a module reaching into another part's files; its door and the root are fine", async () => {
    const inner = "export { crisisFigures } from '../figures/figures-repository.js';\n";
    expect(await frontDoorErrors('src/modules/crisis/board/example.ts', inner)).toEqual([
      expect.stringContaining('inside the figures part of this module'),
    ]);
    const fine =
      "export { crisisFigures } from '../figures/index.js';\n" +
      "export { serviceKinds } from '../choices.js';\nexport { boardRowsKey } from './board-cache.js';\n";
    expect(await frontDoorErrors('src/modules/crisis/board/example.ts', fine)).toEqual([]);
    const fromRoot = "export { loadWorkspace } from './workspace/workspace-view.js';\n";
    expect(await frontDoorErrors('src/modules/crisis/example.ts', fromRoot)).toHaveLength(1);
  });
});
