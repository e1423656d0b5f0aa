import { computed } from 'vue'
import { useMessage } from 'naive-ui'
import { ApiError } from '../api/call'
import { useGridStore, type GridForm } from '../stores/grid'

// useFormErrors puts the backend's field errors of one grid form on its n-form-items, and shows any
// other failure as a message.
export function useFormErrors(form: GridForm, fields: string[]) {
  const grid = useGridStore()
  const message = useMessage()
  const errors = computed(() => grid.fieldErrors[form] ?? {})

  // item gives the props of the n-form-item of field.
  function item(field: string) {
    const error = errors.value[field]
    return { validationStatus: error ? ('error' as const) : undefined, feedback: error || undefined }
  }

  // fail shows what went wrong unless it already shows on a field of this form.
  function fail(e: unknown) {
    if (e instanceof ApiError && e.field && fields.includes(e.field)) return
    message.error((e as Error).message)
  }

  return { item, fail, clear: () => grid.clearErrors(form) }
}
