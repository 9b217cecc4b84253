// One error type for the whole app: a stable code that maps to an HTTP status in one place, and a
// message written for the person who has to fix the input. Anything else is an internal error.

export const ERROR_STATUS = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorIssue {
  /** 1-based line of an imported file, when the problem is in one. */
  line?: number;
  /** Form field or JSON path the problem is in. */
  field?: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[];

  constructor(code: ErrorCode, message: string, issues: ErrorIssue[] = []) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.issues = issues;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** What a client may see of any error: an AppError as it is, anything else as a bare internal error. */
export function toPublicError(error: unknown): { status: number; body: { error: { code: ErrorCode; message: string; issues: ErrorIssue[] } } } {
  if (isAppError(error)) {
    return { status: error.status, body: { error: { code: error.code, message: error.message, issues: error.issues } } };
  }
  return {
    status: 500,
    body: { error: { code: "INTERNAL", message: "Something went wrong on our side. Try again in a moment.", issues: [] } },
  };
}
