import "server-only";
// The register and edit pages (/models/new, /models/{id}/edit): the choices the model form offers and,
// for an edit, the model's current values with the version the save is guarded by, or why it may not be
// edited (editRefusal, the rule updateModel enforces).
import type { ModelFormValues } from "@/components/catalog/model-form";
import type { PageViewer } from "@/lib/server/page";
import { formatDate } from "./format";
import { getModelDetail, modelFormOptions } from "./model-detail";
import { editRefusal } from "./model-rules";

export async function newModelView(viewer: PageViewer) {
  return { options: await modelFormOptions(viewer.prisma), initial: { kind: "hosted", pinning: "strict" } satisfies ModelFormValues };
}

export async function editModelView(viewer: PageViewer, id: string) {
  const { model: m } = await getModelDetail(viewer.prisma, viewer.user, id);
  const refused = editRefusal(m, viewer.can("model:edit"));
  if (refused) return { model: { id: m.id, name: m.name }, allowed: false as const, whyNot: refused.toViewer };
  const day = (d: Date | null) => (d ? formatDate(d) : null);
  const initial: ModelFormValues = {
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
  };
  return { model: { id: m.id, name: m.name }, allowed: true as const, initial, options: await modelFormOptions(viewer.prisma) };
}
