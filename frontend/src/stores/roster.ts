import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError, toApiError } from '../api/call'
import { rosterApi, type ImportResult, type RosterPreview } from '../api/roster'
import { useGridStore } from './grid'

export type RosterStep = 'choose' | 'check' | 'done'

// The roster (花名册) import as its dialog goes through it — choose a file, see it checked, import
// it — and the roster and tracker exports.
export const useRosterStore = defineStore('roster', () => {
  const step = ref<RosterStep>('choose')
  const fileName = ref('')
  const preview = ref<RosterPreview | null>(null)
  const updateExisting = ref(false) // people already registered: updated, or (default) skipped
  const result = ref<ImportResult | null>(null)
  const error = ref<ApiError | null>(null) // a failed check or import, shown in the dialog
  const checking = ref(false)
  const importing = ref(false)

  // validOnly: with rejected rows only the valid ones can be imported (the backend refuses the rest).
  const validOnly = computed(() => (preview.value?.rejected ?? 0) > 0)
  const canImport = computed(() => step.value === 'check' && (preview.value?.valid ?? 0) > 0)

  function reset() {
    step.value = 'choose'
    fileName.value = ''
    preview.value = null
    updateExisting.value = false
    result.value = null
    error.value = null
  }

  // check asks for a roster file with the system's dialog (or takes path) and has it checked where
  // it lies; nothing is written. A cancelled dialog leaves the dialog as it was; a file that cannot
  // be read as a roster leaves it on its first step with the error.
  async function check(path = '') {
    checking.value = true
    error.value = null
    try {
      const p = await rosterApi.preview(path)
      if (!p.file) return // cancelled
      reset()
      fileName.value = p.file
      preview.value = p
      step.value = 'check'
    } catch (e) {
      reset()
      error.value = toApiError(e)
    } finally {
      checking.value = false
    }
  }

  // importRows writes the checked roster (only its valid rows when some were rejected), then reads
  // the grid again. A failed import writes nothing and stays on the check with the error.
  async function importRows() {
    const p = preview.value
    if (!p || !canImport.value) return
    importing.value = true
    error.value = null
    try {
      result.value = await rosterApi.importRoster(p.token, validOnly.value, updateExisting.value)
      step.value = 'done'
    } catch (e) {
      error.value = toApiError(e)
      return
    } finally {
      importing.value = false
    }
    await useGridStore().reloadAll()
  }

  // The exports ask where to save; each returns the path written, or '' when the officer cancelled.
  const saveTemplate = () => rosterApi.saveTemplate()
  const exportRoster = (villageId: string, suggestedName: string) => rosterApi.exportRoster(villageId, suggestedName)
  const exportCadence = (villageId: string) => rosterApi.exportCadence(villageId)

  return {
    step, fileName, preview, updateExisting, result, error, checking, importing, validOnly, canImport,
    reset, check, importRows, saveTemplate, exportRoster, exportCadence,
  }
})
