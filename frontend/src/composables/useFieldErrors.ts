import { ref, watch } from 'vue'
import { useMessage } from 'naive-ui'
import { ApiError } from '../api/call'

// useFieldErrors puts a save's field error (the backend names the field) on the n-form-item of that
// field, and shows any other failure as a message. A field's error goes as soon as its value changes.
export function useFieldErrors(fields: string[], model: () => object) {
  const message = useMessage()
  const errors = ref<Record<string, string>>({})

  watch(
    () => fields.map((f) => JSON.stringify((model() as Record<string, unknown>)[f] ?? null)),
    (now, before) => now.forEach((v, i) => {
      if (v !== before[i]) delete errors.value[fields[i]]
    }),
  )

  function item(field: string) {
    const error = errors.value[field]
    return { validationStatus: error ? ('error' as const) : undefined, feedback: error || undefined }
  }

  function fail(e: unknown) {
    if (e instanceof ApiError && e.field && fields.includes(e.field)) {
      errors.value = { ...errors.value, [e.field]: e.message }
      return
    }
    message.error((e as Error).message)
  }

  return { item, fail, clear: () => (errors.value = {}) }
}
