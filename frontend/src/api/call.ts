// Every call to the Go backend goes through call(): a failed call becomes an ApiError with the
// backend's code, its Chinese message and the field it concerns.

export type ErrorCode = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'internal'

const codes: ErrorCode[] = ['invalid', 'not_found', 'conflict', 'forbidden', 'internal']

// A further field's error of the same form: the backend gives every field's problem at once.
export interface FieldProblem {
  field: string
  message: string
}

export class ApiError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  readonly also: FieldProblem[]

  constructor(code: ErrorCode, message: string, field?: string, also: FieldProblem[] = []) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.field = field || undefined
    this.also = also
  }

  // problems are every field's error: the first (when it names a field) and the others.
  problems(): FieldProblem[] {
    return this.field ? [{ field: this.field, message: this.message }, ...this.also] : []
  }

  // whole is every problem's message, for an action that is not a form (定稿, 开始评议): all that is
  // missing is said at once, not one per attempt.
  whole(): string {
    return [this.message, ...this.also.map((a) => a.message)].join('；')
  }

  // byForm splits the problems into those of a form's fields (field -> message) and the messages of
  // the rest; without a field the whole message is the rest.
  byForm(fields: string[]): { mine: Record<string, string>; elsewhere: string[] } {
    const mine: Record<string, string> = {}
    const elsewhere: string[] = this.field ? [] : [this.message]
    for (const p of this.problems()) {
      if (fields.includes(p.field)) mine[p.field] = p.message
      else elsewhere.push(p.message)
    }
    return { mine, elsewhere }
  }
}

// toApiError reads what a rejected binding gives: the object of the backend's ErrorFormatter,
// that object as JSON text, or anything else (which becomes an internal error).
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason
  let value: unknown = reason
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      return new ApiError('internal', value as string)
    }
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>
    const code = codes.includes(o.code as ErrorCode) ? (o.code as ErrorCode) : 'internal'
    const message = typeof o.message === 'string' ? o.message : String(reason)
    const field = typeof o.field === 'string' ? o.field : undefined
    const also = Array.isArray(o.also)
      ? o.also.filter((a): a is FieldProblem => !!a && typeof a.field === 'string' && typeof a.message === 'string')
      : []
    return new ApiError(code, message, field, also)
  }
  return new ApiError('internal', String(reason))
}

// call runs a binding and turns its failure into an ApiError.
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    throw toApiError(e)
  }
}
