// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and data files that must be loaded from node_modules, not bundled.
  // pdfkit reads its font metrics from its own folder at run time, so it must stay an external package.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg", "@prisma/client", "pdfkit"],
  poweredByHeader: false,
  // Evaluation files are capped at 1 MB by Warden itself, with a clear message; Next's own limit must sit above it.
  // authInterrupts: forbidden() renders app/(app)/forbidden.tsx with status 403 (lib/server/page.ts).
  experimental: { serverActions: { bodySizeLimit: "2mb" }, authInterrupts: true },
  typedRoutes: false,
  // `next dev` only: lets a browser opened on 127.0.0.1 (as the e2e config does) load the dev scripts.
  allowedDevOrigins: ["127.0.0.1"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      // Machine answers (JSON, CSV, NDJSON, PDF): nothing in them runs or is framed. Pages get theirs,
      // with a per-request nonce, from proxy.ts.
      ...["/api/:path*", "/v1/:path*"].map((source) => ({
        source,
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; sandbox" }],
      })),
    ];
  },
};

export default nextConfig;
