import { EvaluationUploadForms } from "@/components/evaluations/evaluation-upload-form";
import { evaluationUploadView } from "@/lib/evaluations/evaluation-upload-view";
import { requirePage } from "@/lib/server/page";
import { uploadEvaluationAction } from "../actions";

export const metadata = { title: "Upload evaluation" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NewEvaluationPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePage("evaluation:upload");
  const { options, initial } = await evaluationUploadView(viewer, await searchParams);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Upload an evaluation run</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        The gate is computed on upload against the workflow&apos;s quality bar (and the baseline run, when given); the raw scores are kept as sent.
      </p>
      <EvaluationUploadForms action={uploadEvaluationAction} options={options} initial={initial} />
    </>
  );
}
