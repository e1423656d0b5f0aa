import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
// The window always opens on 首页: its code comes with the first bundle, not as a chunk fetched after it.
import HomeView from './views/HomeView.vue'

// The areas of DESIGN.md §2 that exist so far; the navigation shows exactly these.
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, meta: { title: 'nav.home' } },
  { path: '/grid', name: 'grid', component: () => import('./views/GridView.vue'), meta: { title: 'nav.grid' } },
  { path: '/residents', name: 'residents', component: () => import('./views/ResidentsView.vue'), meta: { title: 'nav.residents' } },
  { path: '/visits', name: 'visits', component: () => import('./views/VisitsView.vue'), meta: { title: 'nav.visits' } },
  { path: '/cases', name: 'cases', component: () => import('./views/CasesView.vue'), meta: { title: 'nav.cases' } },
  { path: '/meetings', name: 'meetings', component: () => import('./views/MeetingsView.vue'), meta: { title: 'nav.meetings' } },
  { path: '/contracts', name: 'contracts', component: () => import('./views/ContractsView.vue'), meta: { title: 'nav.contracts' } },
  { path: '/points', name: 'points', component: () => import('./views/PointsView.vue'), meta: { title: 'nav.points' } },
  { path: '/selections', name: 'selections', component: () => import('./views/SelectionsView.vue'), meta: { title: 'nav.selections' } },
  { path: '/stats', name: 'stats', component: () => import('./views/StatsView.vue'), meta: { title: 'nav.stats' } },
  { path: '/docs', name: 'docs', component: () => import('./views/DocsView.vue'), meta: { title: 'nav.docs' } },
  { path: '/exchange', name: 'exchange', component: () => import('./views/ExchangeView.vue'), meta: { title: 'nav.exchange' } },
  { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue'), meta: { title: 'nav.settings' } },
]

export const router = createRouter({ history: createWebHashHistory(), routes })

// prefetchRoute starts loading the code of the view at path (the one the window opens on), so that it
// is not fetched only after the frame has mounted. A failure here is left to the router to report.
export function prefetchRoute(path: string) {
  for (const m of router.resolve(path).matched) {
    const c = m.components?.default
    if (typeof c === 'function') (c as () => Promise<unknown>)()?.catch?.(() => undefined)
  }
}

// prefetchViews loads the code of every view, one after another while the window is idle, once the
// first screen is up: a click in the navigation then only draws its screen (统计's charts alone are
// half a megabyte of code to compile). A failure is left to the router to report when it is opened.
export function prefetchViews() {
  const loaders = routes.map((r) => r.component).filter((c): c is () => Promise<unknown> => typeof c === 'function')
  const idle = (f: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: 3000 }) : setTimeout(f, 300))
  const next = () => {
    const load = loaders.shift()
    if (load) load().catch(() => undefined).finally(() => idle(next))
  }
  idle(next)
}
