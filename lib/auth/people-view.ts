import "server-only";
// The people page (/admin/users): every account with its roles and state, and for each what this
// admin may do with it and why not, by the rules setUserRoles and setUserDisabled enforce.
import type { PageViewer } from "@/lib/server/page";
import { changeRefusal, type PersonState } from "./user-admin-rules";
import { listUsers } from "./user-service";

export async function peopleView(viewer: PageViewer) {
  const users = await listUsers(viewer.prisma, viewer.user);
  const people: PersonState[] = users.map((u) => ({ id: u.id, email: u.email, roles: u.roles, disabled: u.disabledAt !== null }));
  const refusal = (change: Parameters<typeof changeRefusal>[1]) => changeRefusal(people, change, viewer.user.userId)?.message ?? null;
  return {
    people: users.map((u) => {
      const disabled = u.disabledAt !== null;
      return {
        ...u,
        disabled,
        /** Why the Disable/Enable toggle is refused, or null. */
        whyNotToggle: refusal({ userId: u.id, disabled: !disabled }),
        /** Why this person cannot lose the Admin role now (the last active admin), or null. */
        whyNotDropAdmin: u.roles.includes("admin") ? refusal({ userId: u.id, roles: u.roles.filter((r) => r !== "admin") }) : null,
      };
    }),
  };
}

export type PeopleView = Awaited<ReturnType<typeof peopleView>>;
