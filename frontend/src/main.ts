import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n } from './i18n'
import { router, prefetchRoute, prefetchViews } from './router'
import { useAppStore } from './stores/app'
import { useSettingsStore } from './stores/settings'

// The first screen waits on the startup status, the office's info and its own view's code: all are
// asked for now, side by side, rather than one after the other once the frame has mounted.
const pinia = createPinia()
useAppStore(pinia).load()
useSettingsStore(pinia).preload()
prefetchRoute(location.hash.slice(1) || '/')
createApp(App).use(pinia).use(i18n).use(router).mount('#app')
router.isReady().then(prefetchViews, () => undefined)
