// JSON parsing that says where a file is broken: V8's JSON.parse messages do not reliably carry a position
// (Node 20 gives none for "Unexpected token" or a truncated file), so on failure a small scanner finds it.
import { CatalogFormatError } from "./catalog-format-error";

export interface JsonSyntaxProblem {
  offset: number;
  reason: string;
}

export function parseJsonText(text: string, fileName: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a BOM is an editor artefact, not an error
  try {
    return JSON.parse(body);
  } catch (error) {
    const problem = findJsonSyntaxError(body);
    if (!problem) throw new CatalogFormatError(`invalid JSON: ${(error as Error).message}`, "unknown position", fileName);
    const { line, column } = lineColumnAt(body, problem.offset);
    throw new CatalogFormatError(`invalid JSON: ${problem.reason}`, `line ${line}, column ${column}`, fileName);
  }
}

/** 1-based line and column of a character offset (the offset may be text.length: the end of the input). */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** JSON path of a value for messages: `providers.openai.models.gpt-4o.cost.input`, `models["gpt-4.1"]`, `tiers[0]`. */
export function formatJsonPath(segments: ReadonlyArray<PropertyKey>): string {
  let path = "";
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else {
      const key = String(segment);
      if (/^[A-Za-z0-9_$][\w$-]*$/.test(key)) path += path ? `.${key}` : key;
      else path += `[${JSON.stringify(key)}]`;
    }
  }
  return path || "(top level)";
}

class Found {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

const MAX_DEPTH = 1000;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The first syntax error of a JSON text (RFC 8259), or null when it is valid. */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | null {
  let i = 0;
  const fail = (reason: string): never => {
    throw new Found(i, reason);
  };
  const here = () => (i >= text.length ? "unexpected end of input" : `unexpected character ${JSON.stringify(text[i])}`);
  const skipWhitespace = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };

  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail("unterminated string");
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c === 92) {
        i++;
        const escape = text[i];
        if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i++;
        else if (escape === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 5;
        else fail("invalid escape sequence in string");
        continue;
      }
      if (c < 0x20) fail("unescaped control character in string");
      i++;
    }
  };

  const value = (depth: number): void => {
    skipWhitespace();
    if (depth > MAX_DEPTH) fail("nesting too deep");
    const c = text[i];
    if (c === "{") {
      i++;
      skipWhitespace();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        skipWhitespace();
        if (text[i] !== '"') fail(`${here()}, expected a property name in double quotes`);
        string();
        skipWhitespace();
        if (text[i] !== ":") fail(`${here()}, expected ':'`);
        i++;
        value(depth + 1);
        skipWhitespace();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return;
        }
        fail(`${here()}, expected ',' or '}'`);
      }
    }
    if (c === "[") {
      i++;
      skipWhitespace();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        skipWhitespace();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return;
        }
        fail(`${here()}, expected ',' or ']'`);
      }
    }
    if (c === '"') return string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match) fail(`${here()}, invalid number`);
      i += match![0].length;
      return;
    }
    for (const literal of ["true", "false", "null"]) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    fail(`${here()}, expected a value`);
  };

  try {
    value(0);
    skipWhitespace();
    if (i < text.length) fail(`${here()} after the end of the JSON value`);
    return null;
  } catch (error) {
    if (error instanceof Found) return { offset: error.offset, reason: error.reason };
    throw error;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
