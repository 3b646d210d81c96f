// A clone with nothing beside it runs the demo to a served catalog (`npm test -- --only clone`).
// Clones the committed HEAD into an empty temporary folder (no sibling folders, no node_modules, no .data),
// runs `npm run demo` there exactly as a new user would (it installs with `npm ci`, which the npm cache
// answers offline after the suite's own install), waits for the server, signs in as the demo viewer and
// reads the catalog through the page and the API. Exit 0 when the catalog is served, 1 otherwise.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const repo = path.resolve(import.meta.dirname, "..");
const TIMEOUT_MS = 20 * 60_000;
// The demo's catalog: the curated models plus the LiteLLM and models.dev snapshots shipped in data/.
const MIN_CATALOG_MODELS = 2_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The cookies a response sets, as one Cookie header value (merged with those already held). */
function withCookies(jar: Map<string, string>, response: Response): Map<string, string> {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return jar;
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function main(): Promise<boolean> {
  const work = mkdtempSync(path.join(tmpdir(), "warden-fresh-clone-"));
  const clone = path.join(work, "warden");
  const log = path.join(work, "demo.log");
  let demo: ChildProcess | undefined;
  try {
    execFileSync("git", ["clone", "--quiet", "--no-hardlinks", repo, clone], { stdio: "inherit" });
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: clone, encoding: "utf8" }).trim();
    if (existsSync(path.join(work, "shared"))) throw new Error(`${work}/shared exists: the clone is not alone`);
    const port = await freePort();
    console.log(`fresh clone of ${head} in ${clone}; npm run demo on port ${port} (output in ${log})`);

    // Only what a new user's shell would have: no database URL, no Warden settings from this suite.
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), npm_config_prefer_offline: "true" };
    for (const key of Object.keys(env)) if (/^(DATABASE_URL|TEST_DATABASE_URL|E2E_|WARDEN_|AUTH_|OIDC_)/.test(key)) delete env[key];
    const out = createWriteStream(log);
    const child = spawn("npm", ["run", "demo"], { cwd: clone, env, detached: true });
    demo = child;
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    let exited: number | null = null;
    child.on("exit", (code) => (exited = code ?? 1));

    const base = `http://127.0.0.1:${port}`;
    const started = Date.now();
    for (;;) {
      if (exited !== null) throw new Error(`npm run demo exited with ${exited} before serving`);
      if (Date.now() - started > TIMEOUT_MS) throw new Error(`not serving after ${TIMEOUT_MS / 60_000} minutes`);
      const ok = await fetch(`${base}/sign-in`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await sleep(1000);
    }
    console.log(`serving after ${((Date.now() - started) / 1000).toFixed(0)} s`);

    const jar = new Map<string, string>();
    const csrf = await fetch(`${base}/api/auth/csrf`);
    withCookies(jar, csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
      body: new URLSearchParams({ csrfToken, email: "viewer@warden.test", password: "warden-demo", callbackUrl: "/" }),
    });
    withCookies(jar, signIn);
    if (![...jar.keys()].some((name) => name.endsWith("authjs.session-token"))) throw new Error(`signing in as the demo viewer failed (${signIn.status})`);

    const api = await fetch(`${base}/api/v1/models`, { headers: { cookie: cookieHeader(jar) } });
    const body = (await api.json()) as { total?: number };
    const total = body.total ?? Number.NaN;
    if (api.status !== 200) console.error(JSON.stringify(body));
    const page = await fetch(`${base}/models`, { headers: { cookie: cookieHeader(jar) } });
    const html = await page.text();
    console.log(`GET /api/v1/models: ${api.status}, ${total} models; GET /models: ${page.status}, ${html.length.toLocaleString("en-US")} bytes`);
    if (api.status !== 200 || !(total >= MIN_CATALOG_MODELS))
      throw new Error(`the catalog API answered ${api.status} with ${total} models (want ≥ ${MIN_CATALOG_MODELS})`);
    // The page names the same total the API counted ("Showing 1–50 of 2,991 models").
    if (page.status !== 200 || !html.includes(`of ${total.toLocaleString("en-US")} models`))
      throw new Error(`the catalog page answered ${page.status} without "of ${total} models"`);
    console.log("fresh clone: the demo serves the catalog with nothing beside the repository");
    return true;
  } catch (error) {
    console.error(`fresh clone: ${error instanceof Error ? error.message : error}`);
    if (existsSync(log)) console.error(`--- last lines of npm run demo ---\n${readFileSync(log, "utf8").split("\n").slice(-40).join("\n")}`);
    return false;
  } finally {
    if (demo?.pid) {
      try {
        process.kill(-demo.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await sleep(1500);
      try {
        process.kill(-demo.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    rmSync(work, { recursive: true, force: true });
  }
}

process.exit((await main()) ? 0 : 1);
