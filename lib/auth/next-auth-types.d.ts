import type { DefaultSession } from "next-auth";
import type { Role } from "@/lib/authz/permissions";

declare module "next-auth" {
  interface Session {
    user: { id: string; roles: Role[] } & DefaultSession["user"];
  }
}
