"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-actor";
import { getPrisma } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";
import { MAX_EVALUATION_FILE_BYTES } from "@/lib/evaluations/evaluation-file";
import { uploadEvaluation, uploadEvaluationFile } from "@/lib/evaluations/evaluation-service";
import type { FormState } from "@/lib/server/form-state";
import { runAction } from "@/lib/server/run-action";

const FIELDS = ["modelId", "model", "workflow", "suite", "datasetVersion", "baselineRunId", "metrics", "thresholds"] as const;

/** One action for both upload forms: the typed-in run (mode=fields) and the JSON file (mode=file). */
export async function uploadEvaluationAction(_prev: FormState, form: FormData): Promise<FormState> {
  const fromFile = form.get("mode") === "file";
  const values: Record<string, unknown> = {};
  if (!fromFile) for (const key of FIELDS) values[key] = typeof form.get(key) === "string" ? form.get(key) : undefined;
  let id = "";
  const state = await runAction(
    async () => {
      const prisma = await getPrisma();
      const actor = await currentUser();
      if (fromFile) {
        const file = form.get("file");
        if (!(file instanceof File) || (file.size === 0 && file.name === "")) {
          throw new DomainError("validation", "Choose a JSON file to upload.", { file: ["Choose a JSON file to upload"] });
        }
        // A file over the cap is not read at all; the service refuses it by its size.
        const bytes = file.size > MAX_EVALUATION_FILE_BYTES ? new Uint8Array(0) : new Uint8Array(await file.arrayBuffer());
        id = (await uploadEvaluationFile(prisma, actor, { name: file.name, bytes, size: file.size })).id;
      } else {
        id = (await uploadEvaluation(prisma, actor, values, "form")).id;
      }
      return { status: "ok" };
    },
    fromFile ? undefined : values,
  );
  if (state.status !== "ok") return state;
  revalidatePath("/evaluations");
  redirect(`/evaluations/${id}?uploaded=1`);
}
