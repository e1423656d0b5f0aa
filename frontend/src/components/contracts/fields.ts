// The n-form-item props of a field of a contract form (its error from the backend), as
// useFieldErrors gives them.
export type FieldProps = { validationStatus?: 'error'; feedback?: string }
export type FieldErrors = { item: (field: string) => FieldProps }

// The fields of the terms (backend/contracts Terms), whose errors the backend names.
export const termFields = ['counterparty', 'creditCode', 'representative', 'amount', 'termStart', 'termEnd', 'renewal', 'noticeDays', 'payments', 'changeNote']

// An earlier risk as the opinion form keeps it: ticked when this version answered it, with how.
export interface Answer { on: boolean; note: string }
