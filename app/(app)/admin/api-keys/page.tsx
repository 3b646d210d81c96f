import { CreateApiKeyForm, RevokeApiKeyButton } from "@/components/admin/api-key-forms";
import { apiKeysView } from "@/lib/auth/api-keys-view";
import { formatDate, formatDateTime } from "@/lib/catalog/format";
import { requirePage } from "@/lib/server/page";

export const metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const viewer = await requirePage("apikey:manage");
  const { keys } = await apiKeysView(viewer);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Keys let scripts and pipelines call Warden. Only a hash is stored; a key is shown once when created.
        </p>
      </div>
      <CreateApiKeyForm />
      {keys.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No API keys yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              <tr>
                <th className="px-3 py-2">Name</th>
                <th className="px-3 py-2">Key</th>
                <th className="px-3 py-2">Scopes</th>
                <th className="px-3 py-2">Created</th>
                <th className="px-3 py-2">Expires</th>
                <th className="px-3 py-2">Last used</th>
                <th className="px-3 py-2">State</th>
                <th className="px-3 py-2" />
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id} className="border-t border-slate-100 dark:border-slate-800" data-testid="api-key-row">
                  <td className="px-3 py-2 font-medium">{key.name}</td>
                  <td className="px-3 py-2 font-mono text-xs">{key.prefix}…</td>
                  <td className="px-3 py-2 font-mono text-xs">{key.scopes.join(", ")}</td>
                  <td className="px-3 py-2">
                    {formatDate(key.createdAt)} <span className="text-xs text-slate-500">{key.createdBy ?? "cli"}</span>
                  </td>
                  <td className="px-3 py-2">{formatDate(key.expiresAt)}</td>
                  <td className="px-3 py-2">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "never"}</td>
                  <td className="px-3 py-2">{key.state}</td>
                  <td className="px-3 py-2">{!key.whyNotRevoke && <RevokeApiKeyButton id={key.id} name={key.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
