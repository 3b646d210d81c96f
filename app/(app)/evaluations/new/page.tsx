import { EvaluationUploadForms } from "@/components/evaluations/evaluation-upload-form";
import { Forbidden } from "@/components/ui/forbidden";
import { currentUser } from "@/lib/auth/current-actor";
import { rolesCan } from "@/lib/authz/permissions";
import { getPrisma } from "@/lib/db/server-db";
import { evaluationFormOptions } from "@/lib/evaluations/evaluation-service";
import { uploadEvaluationAction } from "../actions";

export const metadata = { title: "Upload evaluation" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NewEvaluationPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await currentUser();
  if (!user || !rolesCan(user.roles, "evaluation:upload")) return <Forbidden what="Uploading evaluation runs is for engineers." />;
  const [options, params] = await Promise.all([evaluationFormOptions(await getPrisma(), user), searchParams]);
  // Links may preselect the model and workflow: /evaluations/new?modelId=…&workflow=support-chat
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const modelId = first(params.modelId);
  const workflow = first(params.workflow);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Upload an evaluation run</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        The gate is computed on upload against the workflow&apos;s quality bar (and the baseline run, when given); the raw scores are kept as sent.
      </p>
      <EvaluationUploadForms
        action={uploadEvaluationAction}
        options={options}
        initial={{
          modelId: options.models.some((m) => m.id === modelId) ? modelId : undefined,
          workflow: options.workflows.some((w) => w.slug === workflow) ? workflow : undefined,
        }}
      />
    </>
  );
}
