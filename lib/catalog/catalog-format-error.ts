// A catalog file the import refuses as a whole: the DB service writes nothing when this is thrown.
export class CatalogFormatError extends Error {
  constructor(
    message: string,
    /** "line 12, column 5" for JSON syntax errors, a JSON path like `providers.openai.models.gpt-4o.cost.input` otherwise. */
    readonly location: string,
    readonly fileName: string,
  ) {
    super(`${fileName}: ${location}: ${message}`);
    this.name = "CatalogFormatError";
  }
}
