import "server-only";
// next-auth v5: a credentials provider (scrypt hashes, throttled) and, when configured, one OIDC
// provider. JWT sessions carry only the user id; roles are read from the database on each request.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { getPrisma } from "@/lib/db/server-db";
import { resolveAuthSecret } from "./auth-secret";
import { loginThrottle, throttleKeys } from "./login-throttle";
import { oidcSettingsFromEnv, rolesFromClaims } from "./oidc";
import { spendDecoyVerification, verifyPassword } from "./password";
import { loadUserActor } from "./users";

export class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}
export class TooManyAttempts extends CredentialsSignin {
  code = "throttled";
}

const credentialsInput = z.object({ email: z.string().trim().toLowerCase().email(), password: z.string().min(1).max(1024) });

export function clientIp(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || null;
}

const oidc = oidcSettingsFromEnv();

// Configured lazily, on the first request: `next build` loads this module without the runtime environment.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  trustHost: true,
  secret: resolveAuthSecret(),
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsInput.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const { email, password } = parsed.data;
        const keys = throttleKeys(email, clientIp(request.headers));
        if (loginThrottle.waitMs(keys) > 0) throw new TooManyAttempts();
        const prisma = await getPrisma();
        const user = await prisma.user.findUnique({ where: { email } });
        const ok = user?.passwordHash && !user.disabledAt ? await verifyPassword(password, user.passwordHash) : (await spendDecoyVerification(password), false);
        if (!ok || !user) {
          loginThrottle.recordFailure(keys);
          throw new InvalidCredentials();
        }
        loginThrottle.recordSuccess(keys);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
    ...(oidc
      ? [
          {
            id: "oidc",
            name: oidc.name,
            type: "oidc" as const,
            issuer: oidc.issuer,
            clientId: oidc.clientId,
            clientSecret: oidc.clientSecret,
          },
        ]
      : []),
  ],
  callbacks: {
    async jwt({ token, user, account, profile }) {
      if (account?.provider === "oidc" && profile && oidc) {
        token.sub = await provisionOidcUser(profile as Record<string, unknown>);
      } else if (user?.id) {
        token.sub = user.id;
      }
      return token;
    },
    // Roles are read from the database on every request, not frozen into the token, so a role change
    // or a disabled account takes effect on the user's next request.
    async session({ session, token }) {
      const actor = token.sub ? await loadUserActor(await getPrisma(), token.sub) : null;
      if (!actor) return { ...session, user: undefined } as unknown as typeof session;
      return { ...session, user: { ...session.user, id: actor.userId, email: actor.email, name: actor.name, roles: actor.roles } };
    },
  },
}));

/** Creates or updates the person behind an OIDC identity and sets their roles from the token's claim. */
async function provisionOidcUser(claims: Record<string, unknown>): Promise<string> {
  const settings = oidc!;
  const subject = String(claims.sub ?? "");
  const email = String(claims.email ?? "").toLowerCase();
  if (!subject || !email) throw new InvalidCredentials();
  const roles = rolesFromClaims(claims, settings);
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const existing = await tx.user.findFirst({ where: { OR: [{ oidcSubject: subject }, { email }] }, include: { roles: true } });
    if (existing?.disabledAt) throw new InvalidCredentials();
    const name = String(claims.name ?? claims.preferred_username ?? email);
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { oidcSubject: subject, name } })
      : await tx.user.create({ data: { email, name, oidcSubject: subject } });
    const before = existing?.roles.map((r) => r.role).sort() ?? [];
    const after = [...roles].sort();
    if (!existing || before.join() !== after.join()) {
      await tx.userRole.deleteMany({ where: { userId: user.id } });
      if (roles.length) await tx.userRole.createMany({ data: roles.map((role) => ({ userId: user.id, role })) });
      await recordAudit(
        tx,
        { kind: "cli", label: "oidc" },
        {
          action: existing ? "user.roles_synced" : "user.provisioned",
          targetType: "user",
          targetId: user.id,
          before: existing ? { roles: before } : null,
          after: { email, roles: after, via: settings.issuer },
        },
      );
    }
    return user.id;
  });
}
