import { defineStore } from 'pinia'
import { ref } from 'vue'
import { appApi, type AppStatus } from '../api/app'

// The shell's state: whether the database opened, and whether the first screen has been reported.
export const useAppStore = defineStore('app', () => {
  const status = ref<AppStatus | null>(null)
  const loadError = ref<string>('')
  let readyReported = false

  async function load() {
    try {
      status.value = await appApi.status()
    } catch (e) {
      loadError.value = (e as Error).message
    }
  }

  // firstScreenShown tells the backend, once, that the first screen shows data.
  async function firstScreenShown() {
    if (readyReported) return
    readyReported = true
    await appApi.ready()
  }

  return { status, loadError, load, firstScreenShown }
})
