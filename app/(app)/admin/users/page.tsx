import { CreateUserForm, UserDisableButton, UserRolesForm } from "@/components/admin/user-forms";
import { peopleView } from "@/lib/auth/people-view";
import { formatDate } from "@/lib/catalog/format";
import { requirePage } from "@/lib/server/page";

export const metadata = { title: "People" };

export default async function UsersPage() {
  const viewer = await requirePage("user:manage");
  const { people } = await peopleView(viewer);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">People</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Accounts and their roles. A role change applies from the person&apos;s next request; Warden always keeps one active admin.
        </p>
      </div>
      <CreateUserForm />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="min-w-full text-sm">
          <caption className="sr-only">People with access to Warden</caption>
          <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              <th scope="col" className="px-3 py-2">
                Person
              </th>
              <th scope="col" className="px-3 py-2">
                Roles
              </th>
              <th scope="col" className="px-3 py-2">
                Sign-in
              </th>
              <th scope="col" className="px-3 py-2">
                Since
              </th>
              <th scope="col" className="px-3 py-2">
                State
              </th>
              <th scope="col" className="px-3 py-2" />
            </tr>
          </thead>
          <tbody>
            {people.map((u) => (
              <tr key={u.id} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid="user-row" data-email={u.email}>
                <td className="px-3 py-2">
                  <span className="font-medium">{u.name}</span>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">{u.email}</span>
                </td>
                <td className="px-3 py-2">
                  <UserRolesForm id={u.id} email={u.email} roles={u.roles} />
                  {u.whyNotDropAdmin && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{u.whyNotDropAdmin}</p>}
                </td>
                <td className="px-3 py-2 text-xs">{u.signIn}</td>
                <td className="px-3 py-2 text-xs">{formatDate(u.createdAt)}</td>
                <td className="px-3 py-2">{u.disabledAt ? `disabled ${formatDate(u.disabledAt)}` : "active"}</td>
                <td className="px-3 py-2">
                  {u.whyNotToggle ? (
                    <span className="text-xs text-slate-500 dark:text-slate-400">{u.whyNotToggle}</span>
                  ) : (
                    <UserDisableButton id={u.id} email={u.email} disabled={u.disabled} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
