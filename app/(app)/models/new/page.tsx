import { ModelForm } from "@/components/catalog/model-form";
import { Forbidden } from "@/components/ui/forbidden";
import { currentUser } from "@/lib/auth/current-actor";
import { rolesCan } from "@/lib/authz/permissions";
import { modelFormOptions } from "@/lib/catalog/model-detail";
import { getPrisma } from "@/lib/db/server-db";
import { registerModelAction } from "../actions";

export const metadata = { title: "Register model" };

export default async function NewModelPage() {
  const user = await currentUser();
  if (!user || !rolesCan(user.roles, "model:register")) return <Forbidden what="Registering models is for engineers." />;
  const options = await modelFormOptions(await getPrisma());
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Register a model</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">It enters the catalog in testing. Promotion happens through a change request.</p>
      <ModelForm action={registerModelAction} initial={{ kind: "hosted", pinning: "strict" }} options={options} submitLabel="Register model" />
    </>
  );
}
