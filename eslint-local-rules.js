// Project-specific lint rules, kept small enough to read in one go.
import path from 'node:path';

const MODULES = `${path.sep}src${path.sep}modules${path.sep}`;
const PLATFORM = `${path.sep}src${path.sep}platform${path.sep}`;

/** `src/modules/<name>/…` → `<name>`; anything else → undefined. */
function moduleOf(file) {
  const at = file.indexOf(MODULES);
  if (at < 0) return undefined;
  return file.slice(at + MODULES.length).split(path.sep)[0];
}

/** `src/modules/<name>/<part>/…` → `<part>` (a folder inside a module); a file at its root → undefined. */
function partOf(file) {
  const rest = file.slice(file.indexOf(MODULES) + MODULES.length).split(path.sep);
  return rest.length >= 3 ? rest[1] : undefined;
}

/** True for a part's door, `src/modules/<name>/<part>/index.ts`. */
function isPartDoor(file) {
  const rest = file.slice(file.indexOf(MODULES) + MODULES.length).split(path.sep);
  return rest.length === 3 && /^index\.[jt]s$/.test(rest[2]);
}

/** True for a module's front door, `src/modules/<name>/index.ts` (imported as `index.js`). */
function isFrontDoor(file) {
  const rest = file.slice(file.indexOf(MODULES) + MODULES.length).split(path.sep);
  return rest.length === 2 && /^index\.[jt]s$/.test(rest[1]);
}

/**
 * Modules have front doors: code outside a module may import only its `index.ts`, never the files
 * behind it (repositories, routes, schemas), and the platform imports no module at all. A large
 * module split into parts (folders, e.g. crisis/open, crisis/board) gives each part a door too: one
 * part uses another only through that part's `index.ts`; files at the module's root are shared. Tests may
 * reach inside the module they test, so they are not linted by this rule (see eslint.config.js).
 */
const moduleFrontDoors = {
  meta: {
    type: 'problem',
    messages: {
      inner:
        "'{{source}}' is inside the {{target}} module: import it from '{{door}}' (export it there if it is meant to be used).",
      platform: "The platform must not depend on a module ('{{source}}'): move what both need into src/platform.",
      part: "'{{source}}' is inside the {{part}} part of this module: import it from that part's index.js (export it there), or move what both parts need to the module's root.",
    },
    schema: [],
  },
  create(context) {
    const file = path.resolve(context.filename);
    const from = moduleOf(file);
    const inPlatform = file.includes(PLATFORM);
    function check(node) {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), source);
      const to = moduleOf(target);
      if (to === undefined) return;
      if (to === from) {
        const part = partOf(target);
        if (part !== undefined && part !== partOf(file) && !isPartDoor(target))
          context.report({ node: node.source, messageId: 'part', data: { source, part } });
        return;
      }
      if (inPlatform) {
        context.report({ node: node.source, messageId: 'platform', data: { source } });
      } else if (!isFrontDoor(target)) {
        const door = path.relative(path.dirname(file), target.slice(0, target.indexOf(MODULES) + MODULES.length) + to);
        context.report({
          node: node.source,
          messageId: 'inner',
          data: { source, target: to, door: `${door.split(path.sep).join('/')}/index.js` },
        });
      }
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'module-front-doors': moduleFrontDoors } };
