import { useDialog, useMessage } from 'naive-ui'
import { useI18n } from 'vue-i18n'

// useConfirm returns confirm(): a warning dialog that runs action when the officer agrees, then
// shows done as a success, or the backend's message when the action fails.
export function useConfirm() {
  const dialog = useDialog()
  const message = useMessage()
  const { t } = useI18n()
  return function confirm(opts: { title: string; content: string; ok?: string; done: string; action: () => Promise<unknown> }) {
    dialog.warning({
      title: opts.title,
      content: opts.content,
      positiveText: opts.ok ?? t('common.delete'),
      negativeText: t('common.cancel'),
      onPositiveClick: () => {
        opts.action().then(() => message.success(opts.done), (e: Error) => message.error(e.message, { duration: 6000 }))
      },
    })
  }
}
