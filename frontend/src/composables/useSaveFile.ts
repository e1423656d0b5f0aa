import { ref } from 'vue'
import { useMessage } from 'naive-ui'
import { useI18n } from 'vue-i18n'
import { useRosterStore } from '../stores/roster'

// useSaving runs save-as actions: each asks where to save in a dialog of the system (save gives the
// path, '' when the officer cancelled); busy is true meanwhile, the path written is shown with
// done's words, a cancel does nothing, and a failure shows its message.
export function useSaving() {
  const message = useMessage()
  const busy = ref(false)

  async function run(save: () => Promise<string>, done: (path: string) => string) {
    busy.value = true
    try {
      const path = await save()
      if (path) message.success(done(path), { duration: 10000, closable: true })
    } catch (e) {
      message.error((e as Error).message)
    } finally {
      busy.value = false
    }
  }

  return { busy, run }
}

// useSaveFile runs the roster's save-as actions: the template, a roster export, the tracker export.
export function useSaveFile() {
  const roster = useRosterStore()
  const { t } = useI18n()
  const { busy, run } = useSaving()

  return {
    busy,
    saveTemplate: () => run(roster.saveTemplate, (path) => t('roster.templateSaved', { path })),
    exportRoster: (villageId: string, name: string) =>
      run(() => roster.exportRoster(villageId, name), (path) => t('roster.exported', { path })),
    exportCadence: (villageId: string) => run(() => roster.exportCadence(villageId), (path) => t('visits.exported', { path })),
  }
}
