"use server";
import { DomainError } from "@/lib/errors";
import { MAX_EVALUATION_FILE_BYTES } from "@/lib/evaluations/evaluation-file";
import { EVALUATION_FIELDS } from "@/lib/evaluations/evaluation-input";
import { uploadEvaluation, uploadEvaluationFile } from "@/lib/evaluations/evaluation-service";
import { handleForm } from "@/lib/server/action";
import type { FormState } from "@/lib/server/form-state";

/** One action for both upload forms: the typed-in run (mode=fields) and the JSON file (mode=file). */
export async function uploadEvaluationAction(_prev: FormState, form: FormData): Promise<FormState> {
  return handleForm(form, {
    run: async (input, { prisma, actor }) => {
      if (input.mode === "file") {
        const file = input.file;
        if (!(file instanceof File)) throw new DomainError("validation", "Choose a JSON file to upload.", { file: ["Choose a JSON file to upload"] });
        // A file over the cap is not read at all; the service refuses it by its size.
        const bytes = file.size > MAX_EVALUATION_FILE_BYTES ? new Uint8Array(0) : new Uint8Array(await file.arrayBuffer());
        return uploadEvaluationFile(prisma, actor, { name: file.name, bytes, size: file.size });
      }
      // Only the run's own fields: the schema refuses unknown ones, and "mode" is the form's, not the run's.
      const fields = Object.fromEntries(EVALUATION_FIELDS.filter((name) => name in input).map((name) => [name, input[name]]));
      return uploadEvaluation(prisma, actor, fields, "form");
    },
    revalidate: ["/evaluations"],
    redirectTo: (run) => `/evaluations/${run.id}?uploaded=1`,
  });
}
