import { defineStore } from 'pinia'
import { ref } from 'vue'
import { blankQuery, casesApi, type Case, type CaseChoices, type CaseCounts, type CaseInput, type CasePage, type CaseQuery, type CaseStep } from '../api/cases'

// The 民情 screen's state: the fixed choices, the list's query and page, the supervision counts and
// the case open in the drawer.
export const useCasesStore = defineStore('cases', () => {
  const choices = ref<CaseChoices>({ sources: [], categories: [], urgencies: [], levels: [], states: [], satisfactions: [], allowed: {}, needs: [], cards: [], defaultLevel: '' })
  const query = ref<CaseQuery>(blankQuery())
  const page = ref<CasePage>({ items: [], total: 0 })
  const counts = ref<CaseCounts>({ open: 0, yellow: 0, red: 0 })
  const current = ref<Case | null>(null)
  const loading = ref(false)

  async function loadChoices() {
    if (!choices.value.sources.length) choices.value = await casesApi.choices()
  }

  // load reads the page the query asks for and the counts; a newer load wins over an older one.
  let generation = 0
  async function load() {
    const mine = ++generation
    loading.value = true
    try {
      const [p, c] = await Promise.all([casesApi.list(query.value), casesApi.supervision()])
      if (mine !== generation) return
      page.value = p
      counts.value = c
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  async function open(id: string) {
    current.value = await casesApi.get(id)
  }

  async function register(input: CaseInput) {
    const r = await casesApi.register(input)
    await load()
    return r
  }

  async function act(id: string, step: CaseStep) {
    await casesApi.act(id, step)
    await Promise.all([open(id), load()])
  }

  return { choices, query, page, counts, current, loading, loadChoices, load, open, register, act }
})
