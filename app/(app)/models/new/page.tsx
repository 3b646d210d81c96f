import { ModelForm } from "@/components/catalog/model-form";
import { newModelView } from "@/lib/catalog/model-form-view";
import { requirePage } from "@/lib/server/page";
import { registerModelAction } from "../actions";

export const metadata = { title: "Register model" };

export default async function NewModelPage() {
  const viewer = await requirePage("model:register");
  const { options, initial } = await newModelView(viewer);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Register a model</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">It enters the catalog in testing. Promotion happens through a change request.</p>
      <ModelForm action={registerModelAction} initial={initial} options={options} submitLabel="Register model" />
    </>
  );
}
