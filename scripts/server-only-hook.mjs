// `tsx --import ./scripts/server-only-hook.mjs scripts/<command>.ts`: lets a command run Warden's server
// modules outside Next. Modules that touch the database `import "server-only"`, the marker that keeps them
// out of client bundles: inside Next it resolves (react-server condition) to an empty module, anywhere
// else the package throws when imported. A command is a server too, so this resolves the marker to an
// empty module for it, as vitest.config.ts does with an alias and scripts/run-bundled.mjs (usage:import)
// with an esbuild plugin. It must be registered before the command is loaded (hence --import, not an
// import in the command): an ES module's imports are all resolved before any of its code runs.
import { register } from "node:module";

const hook = `export async function resolve(specifier, context, next) {
  return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
