import { computed, watch } from 'vue'
import { useMessage } from 'naive-ui'
import { ApiError } from '../api/call'
import { useGridStore, type GridForm } from '../stores/grid'

// useFormErrors puts the backend's field errors of one grid form on its n-form-items, and shows any
// other failure as a message. Given the form's values (model), a field's error goes as soon as the
// officer changes that field, not only on the next save.
export function useFormErrors(form: GridForm, fields: string[], model?: () => object) {
  const grid = useGridStore()
  const message = useMessage()
  const errors = computed(() => grid.fieldErrors[form] ?? {})

  if (model) {
    watch(
      () => fields.map((f) => JSON.stringify((model() as Record<string, unknown>)[f] ?? null)),
      (now, before) => {
        now.forEach((v, i) => {
          if (v !== before[i]) grid.clearFieldError(form, fields[i])
        })
      },
    )
  }

  // item gives the props of the n-form-item of field.
  function item(field: string) {
    const error = errors.value[field]
    return { validationStatus: error ? ('error' as const) : undefined, feedback: error || undefined }
  }

  // fail shows what went wrong unless it already shows on the fields of this form.
  function fail(e: unknown) {
    const elsewhere = e instanceof ApiError ? e.byForm(fields).elsewhere : [(e as Error).message]
    if (elsewhere.length) message.error(elsewhere.join('；'))
  }

  return { item, fail, clear: () => grid.clearErrors(form) }
}
