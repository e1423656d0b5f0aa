import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

// The areas of DESIGN.md §2 that exist so far; the navigation shows exactly these.
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./views/HomeView.vue'), meta: { title: 'nav.home' } },
  { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue'), meta: { title: 'nav.settings' } },
]

export const router = createRouter({ history: createWebHashHistory(), routes })
