// A real OpenID Connect provider (the oidc-provider package, certified by the OpenID Foundation) for the
// browser tests: `npm test` starts it on a free port before the e2e step and gives Warden its issuer and
// a client, so single sign-on is tested against the real protocol (discovery, authorization code with
// PKCE, signed ID tokens), not a mock. Its own development login and consent pages stand in for the
// company's identity provider; the accounts below carry the group claim Warden maps to roles.
import http from "node:http";
import Provider from "oidc-provider";
import type { AddressInfo } from "node:net";

export const TEST_IDP_ACCOUNTS: Record<string, { email: string; name: string; groups: string[] }> = {
  "casey.compliance": { email: "casey.sso@warden.test", name: "Casey Sso", groups: ["warden-compliance", "all-staff"] },
  "morgan.nobody": { email: "morgan.sso@warden.test", name: "Morgan Sso", groups: ["all-staff"] },
};
export const TEST_IDP_ROLE_MAP = "warden-compliance=compliance,warden-ml=ml_lead";

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop: () => Promise<void>;
}

export async function startTestIdentityProvider(redirectUri: string): Promise<TestIdentityProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "warden-e2e";
  const clientSecret = "warden-e2e-client-secret-0123456789";
  const provider = new Provider(issuer, {
    clients: [
      { client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], response_types: ["code"], grant_types: ["authorization_code"] },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    // The scopes' claims go into the ID token too, where Auth.js reads the profile.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["warden-e2e-idp-cookie-key"] },
    findAccount: (_ctx, id) => {
      const account = TEST_IDP_ACCOUNTS[id];
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, email: account.email, email_verified: true, name: account.name, groups: account.groups }) };
    },
  });
  // The token endpoint's answers say only "invalid_grant"; the reason goes to the test log.
  provider.on("grant.error", (ctx: { oidc?: { params?: Record<string, unknown> } }, error: { message: string; error_detail?: string }) =>
    console.error(`test identity provider: ${error.message}: ${error.error_detail ?? ""} (redirect_uri ${String(ctx.oidc?.params?.redirect_uri)})`),
  );
  provider.on("authorization.success", (ctx: { oidc?: { params?: Record<string, unknown> } }) =>
    console.error(`test identity provider: authorized for ${String(ctx.oidc?.params?.redirect_uri)}`),
  );
  // oidc-provider's callback answers the request itself; the promise it returns carries nothing to wait for.
  const callback = provider.callback();
  server.on("request", (request, response) => void callback(request, response));
  return { issuer, clientId, clientSecret, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
