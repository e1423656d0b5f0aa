import { h } from 'vue'
import { NButton, useMessage } from 'naive-ui'
import { useI18n } from 'vue-i18n'

// UNDO_MS is how long the 撤销 of a change stays offered.
export const UNDO_MS = 10000

// useUndo returns offer(): the success message of a change, with a 撤销 button for UNDO_MS that runs
// undo and says whether it worked (the backend's message when it did not: say, a household's code
// taken since).
export function useUndo() {
  const message = useMessage()
  const { t } = useI18n()
  return function offer(text: string, undo: () => Promise<unknown>) {
    const m = message.success(() => h('span', { class: 'undo-message' }, [
      text,
      h(NButton, {
        text: true, type: 'primary', size: 'small', style: 'margin-left: 12px', 'data-test': 'undo',
        onClick: () => {
          m.destroy()
          undo().then(() => message.success(t('common.undone')), (e: Error) => message.error(t('common.undoFailed', { message: e.message }), { duration: 8000 }))
        },
      }, () => t('common.undo')),
    ]), { duration: UNDO_MS, closable: true })
  }
}
