// What a blank form field means, said once: a field left empty (or only spaces) was not given. Every
// service input schema that accepts form strings builds its optional fields from these.
import { z } from "zod";

/** "" or whitespace → undefined; anything else unchanged. */
export const blankToUndefined = (value: unknown): unknown => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** An optional field: blank counts as not given, then `schema` applies to what is left. */
export const optionalField = <S extends z.ZodType>(schema: S) => z.preprocess(blankToUndefined, schema.optional());
