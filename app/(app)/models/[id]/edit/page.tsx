import Link from "next/link";
import { ModelForm } from "@/components/catalog/model-form";
import { FormAlert } from "@/components/ui/form";
import { editModelView } from "@/lib/catalog/model-form-view";
import { orNotFound, requirePage } from "@/lib/server/page";
import { updateModelAction } from "../../actions";

export const metadata = { title: "Edit model" };

export default async function EditModelPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePage("model:edit");
  const view = await orNotFound(editModelView(viewer, id));
  if (!view.allowed) {
    return (
      <FormAlert>
        {view.whyNot}{" "}
        <Link className="link" href={`/models/${view.model.id}`}>
          Back to the model
        </Link>
      </FormAlert>
    );
  }
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Edit {view.model.name}</h1>
      <ModelForm action={updateModelAction} submitLabel="Save changes" options={view.options} initial={view.initial} />
    </>
  );
}
