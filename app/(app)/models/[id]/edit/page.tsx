import Link from "next/link";
import { notFound } from "next/navigation";
import { ModelForm } from "@/components/catalog/model-form";
import { Forbidden } from "@/components/ui/forbidden";
import { FormAlert } from "@/components/ui/form";
import { currentUser } from "@/lib/auth/current-actor";
import { rolesCan } from "@/lib/authz/permissions";
import { formatDate } from "@/lib/catalog/format";
import { getModelDetail, modelFormOptions } from "@/lib/catalog/model-detail";
import { editRefusal } from "@/lib/catalog/model-rules";
import { getPrisma } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";
import { updateModelAction } from "../../actions";

export const metadata = { title: "Edit model" };

export default async function EditModelPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser();
  if (!user || !rolesCan(user.roles, "model:edit")) return <Forbidden what="Editing models is for engineers." />;
  const prisma = await getPrisma();
  const detail = await getModelDetail(prisma, user, id).catch((error) => {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  });
  const m = detail.model;
  const refused = editRefusal(m, true);
  if (refused) {
    return (
      <FormAlert>
        {refused.toViewer} <Link className="link" href={`/models/${m.id}`}>Back to the model</Link>
      </FormAlert>
    );
  }
  const options = await modelFormOptions(prisma);
  const day = (d: Date | null) => (d ? formatDate(d) : null);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Edit {m.name}</h1>
      <ModelForm
        action={updateModelAction}
        submitLabel="Save changes"
        options={options}
        initial={{
          id: m.id,
          version: m.version,
          providerSlug: m.provider.slug,
          snapshotId: m.snapshotId,
          name: m.name,
          family: m.family,
          kind: m.kind,
          pinning: m.pinning,
          baseModelId: m.baseModelId,
          fineTuneId: m.fineTuneId,
          trainingData: m.trainingData,
          trainingDate: day(m.trainingDate),
          owner: m.owner,
          purpose: m.purpose,
          intendedUse: m.intendedUse,
          limitations: m.limitations,
          bestFor: m.bestFor.join(", "),
          languages: m.languages.join(", "),
          contextWindow: m.contextWindow,
          maxOutputTokens: m.maxOutputTokens,
          inputPricePerMTok: m.inputPricePerMTok,
          outputPricePerMTok: m.outputPricePerMTok,
          latencyLevel: m.latencyLevel,
          fallbackModelId: m.fallbackModelId,
          releaseDate: day(m.releaseDate),
          providerDeprecationDate: day(m.providerDeprecationDate),
          providerDeprecationMeaning: m.providerDeprecationMeaning,
          providerDeprecationSource: m.providerDeprecationSource,
          nextReviewDue: day(m.nextReviewDue),
          notes: m.notes,
        }}
      />
    </>
  );
}
