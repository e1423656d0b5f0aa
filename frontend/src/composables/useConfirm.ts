import { useDialog, useMessage } from 'naive-ui'
import { useI18n } from 'vue-i18n'
import { useUndo } from './useUndo'

// useConfirm returns confirm(): a warning dialog that runs action when the officer agrees, then
// shows done as a success (with 撤销 when undo is given), or the backend's message when it fails.
export function useConfirm() {
  const dialog = useDialog()
  const message = useMessage()
  const { t } = useI18n()
  const offerUndo = useUndo()
  return function confirm(opts: {
    title: string; content: string; ok?: string; done: string; action: () => Promise<unknown>; undo?: () => Promise<unknown>
  }) {
    dialog.warning({
      title: opts.title,
      content: opts.content,
      positiveText: opts.ok ?? t('common.delete'),
      negativeText: t('common.cancel'),
      onPositiveClick: () => {
        opts.action().then(
          () => (opts.undo ? offerUndo(opts.done, opts.undo) : message.success(opts.done)),
          (e: Error) => message.error(e.message, { duration: 6000 }),
        )
      },
    })
  }
}
