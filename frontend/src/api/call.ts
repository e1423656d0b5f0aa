// Every call to the Go backend goes through call(): a failed call becomes an ApiError with the
// backend's code, its Chinese message and the field it concerns.

export type ErrorCode = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'internal'

const codes: ErrorCode[] = ['invalid', 'not_found', 'conflict', 'forbidden', 'internal']

export class ApiError extends Error {
  readonly code: ErrorCode
  readonly field?: string

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.field = field || undefined
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
    return new ApiError(code, message, field)
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
