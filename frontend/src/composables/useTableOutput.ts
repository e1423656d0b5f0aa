import { ref } from 'vue'
import { useMessage } from 'naive-ui'
import { useI18n } from 'vue-i18n'
import type { DocFile } from '../api/docs'
import { tableApi } from '../api/table'
import { useSaving } from './useSaveFile'
import { useSettingsStore } from '../stores/settings'
import { isoDay } from '../utils/format'
import type { ListColumn } from '../utils/table'

// The limits of the documents engine's 台账 (backend/docs/ledger.go).
export const LEDGER_COLUMNS = 12
export const LEDGER_ROWS = 20000
const LEDGER_TITLE = 60

// useTableOutput writes a list's view to Excel (through the save dialog of the system) and renders
// it as a 台账 for the print preview (ledger); what went wrong is shown as a message.
export function useTableOutput() {
  const { t } = useI18n()
  const message = useMessage()
  const settings = useSettingsStore()
  const saving = useSaving()
  const preparing = ref(false)
  const ledger = ref<DocFile | null>(null)

  const exportXlsx = <T>(title: string, columns: ListColumn<T>[], rows: string[][]) => saving.run(
    () => tableApi.exportXlsx({ title, columns: columns.map((c) => ({ title: c.title, number: !!c.number })), rows }),
    (path) => t('table.exported', { path, n: rows.length }),
  )

  async function print<T>(title: string, columns: ListColumn<T>[], rows: string[][]) {
    if (rows.length > LEDGER_ROWS) {
      message.warning(t('table.tooManyToPrint', { n: rows.length, max: LEDGER_ROWS }), { duration: 8000 })
      return
    }
    if (columns.length > LEDGER_COLUMNS) message.warning(t('table.columnsCut', { max: LEDGER_COLUMNS }), { duration: 8000 })
    preparing.value = true
    try {
      if (!settings.info) await settings.loadInfo().catch(() => undefined)
      const input = {
        title: [...title].slice(0, LEDGER_TITLE).join(''),
        unit: [...(settings.info?.officeName ?? '')].slice(0, 40).join(''),
        columns: columns.slice(0, LEDGER_COLUMNS).map((c) => c.title),
        rows: rows.map((r) => r.slice(0, LEDGER_COLUMNS)),
        date: isoDay(),
      }
      ledger.value = await tableApi.ledger(input)
    } catch (e) {
      message.error((e as Error).message)
    } finally {
      preparing.value = false
    }
  }

  return { exporting: saving.busy, preparing, ledger, exportXlsx, print }
}
