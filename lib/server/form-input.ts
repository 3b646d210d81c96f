// FormData as the plain object services take, read the same way by every form: a field once as its
// string exactly as typed (services decide what blank means, see lib/validation/form-fields.ts), a
// field named in `lists` as an array of its strings, a file as a File (an empty file input as absent).
// Next.js's own $ACTION_ fields are left out. Pure: unit-tested beside.
export type FormValue = string | string[] | File | undefined;
export type FormInput = Record<string, FormValue>;

export function readForm(form: FormData, lists: readonly string[] = []): FormInput {
  const input: FormInput = {};
  for (const name of new Set(form.keys())) {
    if (name.startsWith("$ACTION_")) continue;
    if (lists.includes(name)) {
      input[name] = form.getAll(name).filter((v): v is string => typeof v === "string");
      continue;
    }
    const value = form.get(name);
    if (typeof value === "string") input[name] = value;
    else if (value && !(value.size === 0 && value.name === "")) input[name] = value;
  }
  // A list with nothing ticked is absent from FormData; it still means "none".
  for (const name of lists) input[name] ??= [];
  return input;
}

/** A field read as one string (a list's first entry; a file is not a string). */
export function stringField(input: FormInput, name: string): string | undefined {
  const value = input[name];
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value[0];
  return undefined;
}
