import { nextTick, ref, watch } from 'vue'
import { useMessage } from 'naive-ui'
import { ApiError } from '../api/call'
import { scrollToFirstError } from '../utils/firstError'

// useFieldErrors puts a save's field errors (the backend names each field) on the n-form-items of those
// fields, and shows any other failure as a message. A field's error goes as soon as its value changes.
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

  // fail shows every field's error the backend gave (the first and its also) on its item; those of
  // fields this form does not have go to one message.
  function fail(e: unknown) {
    if (!(e instanceof ApiError)) {
      message.error((e as Error).message)
      return
    }
    const { mine, elsewhere } = e.byForm(fields)
    errors.value = { ...errors.value, ...mine }
    if (Object.keys(mine).length) void nextTick(() => scrollToFirstError())
    if (elsewhere.length) message.error(elsewhere.join('；'))
  }

  return { item, fail, clear: () => (errors.value = {}) }
}
