import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n } from './i18n'
import { router, prefetchRoute, prefetchViews } from './router'
import { useAppStore } from './stores/app'
import { useSettingsStore } from './stores/settings'
import { appApi } from './api/app'
import { bootNotice, hideBootNotice, watchOpening } from './boot'

// The first screen waits on the startup status, the office's info and its own view's code: all are
// asked for now, side by side, rather than one after the other once the frame has mounted.
const pinia = createPinia()
const started = useAppStore(pinia).load()
// (an older file is upgraded before it opens: the window says so meanwhile)
watchOpening(started, appApi.opening, (s) =>
  bootNotice([i18n.global.t('app.upgrading', { from: s.from, to: s.to }), i18n.global.t('app.upgradingHint')]),
)
const preloaded = useSettingsStore(pinia).preload()
prefetchRoute(location.hash.slice(1) || '/')
const app = createApp(App).use(pinia).use(i18n).use(router)
// The window is drawn once the startup status and the first screen's data are back (within
// milliseconds; neither fails): it then draws its first screen whole, once, rather than a spinner,
// then the frame, then the data in it. Slow data is not waited for beyond half a second.
const orLater = (p: Promise<void>, ms: number) => Promise.race([p, new Promise<void>((done) => setTimeout(done, ms))])
Promise.all([started, orLater(preloaded, 500)]).then(() => {
  hideBootNotice()
  app.mount('#app')
  // (the other views' code, once idle after that: not in the pause while the answers are awaited)
  router.isReady().then(prefetchViews, () => undefined)
})
