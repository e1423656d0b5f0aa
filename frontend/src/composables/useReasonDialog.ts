import { h, ref } from 'vue'
import { NInput, useDialog, useMessage } from 'naive-ui'
import { useI18n } from 'vue-i18n'

// What a reason dialog asks: its title and explanation, the placeholder of the reason, the button
// that does it, the data-test id of the reason's box, and the action, which gets the reason.
export interface ReasonDialog {
  title: string
  content: string
  placeholder: string
  ok: string
  testId: string
  action: (reason: string) => Promise<unknown>
  done: string // the message when it is done
}

// useReasonDialog asks for the reason of something that is kept with its reason (作废 a document,
// 撤回 a visit): a refusal (no reason) is shown and the dialog stays open for one.
export function useReasonDialog() {
  const dialog = useDialog()
  const message = useMessage()
  const { t } = useI18n()
  return (d: ReasonDialog) => {
    const reason = ref('')
    dialog.warning({
      title: d.title,
      content: () =>
        h('div', [
          h('p', d.content),
          h(NInput, {
            value: reason.value, type: 'textarea', maxlength: 200, autosize: { minRows: 2, maxRows: 4 },
            placeholder: d.placeholder, 'data-test': d.testId,
            'onUpdate:value': (v: string) => (reason.value = v),
          }),
        ]),
      positiveText: d.ok,
      negativeText: t('common.cancel'),
      onPositiveClick: async () => {
        try {
          await d.action(reason.value)
          message.success(d.done)
        } catch (e) {
          message.error((e as Error).message)
          return false
        }
      },
    })
  }
}
