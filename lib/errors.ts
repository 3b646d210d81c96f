// Expected failures carry a code that the UI, the server actions and the HTTP API all map the same way.
export const ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  validation: 422,
  rule_violation: 422,
  rate_limited: 429,
  payload_too_large: 413,
  bad_request: 400,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Field name → messages, for forms. */
    readonly fieldErrors?: Record<string, string[]>,
    /** The rule's name when code is rule_violation. */
    readonly rule?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export interface ErrorBody {
  error: { code: ErrorCode | "internal"; message: string; fieldErrors?: Record<string, string[]>; rule?: string };
}

export function errorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof DomainError) {
    return {
      status: ERROR_STATUS[error.code],
      body: { error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors, rule: error.rule } },
    };
  }
  console.error(error);
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on the server." } } };
}
