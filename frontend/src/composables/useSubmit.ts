import { ref } from 'vue'
import { useMessage } from 'naive-ui'
import { useI18n } from 'vue-i18n'
import { useUndo } from './useUndo'

// What a save reports when it succeeds: a message to show, and warnings to show after it.
export interface Outcome {
  success?: string
  warnings?: string[]
  // undo, when given, is offered with the success message (a 撤销 button).
  undo?: () => Promise<unknown>
}

// useSubmit runs the save of a form: saving is true while it runs, and a second save (Enter and a
// click, a double click) is ignored meanwhile; when it succeeds its message and any warnings are shown
// and done is called; when it fails errors.fail shows why.
export function useSubmit(errors: { fail: (e: unknown) => void }) {
  const saving = ref(false)
  const message = useMessage()
  const { t } = useI18n()
  const offerUndo = useUndo()

  async function run(save: () => Promise<Outcome | void>, done: () => void) {
    if (saving.value) return
    saving.value = true
    try {
      const r = await save()
      if (r?.success && r.undo) offerUndo(r.success, r.undo)
      else if (r?.success) message.success(r.success)
      if (r?.warnings?.length) message.warning(r.warnings.join(t('common.listSeparator')), { duration: 8000 })
      done()
    } catch (e) {
      errors.fail(e)
    } finally {
      saving.value = false
    }
  }

  return { saving, run }
}
