import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Issued } from '../api/docs'
import { isoDay } from '../utils/format'
import { blankQuery, casesApi, documentOf, type Case, type CaseChoices, type CaseCounts, type CaseStats, type CaseInput, type CasePage, type CaseQuery, type CaseStep } from '../api/cases'

// The 民情 screen's state: the fixed choices, the list's query and page, the supervision counts and
// the case open in the drawer.
export const useCasesStore = defineStore('cases', () => {
  const choices = ref<CaseChoices>({ sources: [], categories: [], urgencies: [], levels: [], states: [], satisfactions: [], mediations: [], bodies: [], dispute: '', extend: '', remind: '', allowed: {}, needs: [], cards: [], partyRoles: [], defaultLevel: '' })
  const query = ref<CaseQuery>(blankQuery())
  const page = ref<CasePage>({ items: [], total: 0 })
  const counts = ref<CaseCounts>({ open: 0, yellow: 0, red: 0, awaiting: 0, followUp: 0 })
  const year = ref<CaseStats | null>(null) // this year's figures
  const current = ref<Case | null>(null)
  const documents = ref<Issued[]>([]) // those of the current case
  const loading = ref(false)

  async function loadChoices() {
    if (!choices.value.sources.length) choices.value = await casesApi.choices()
  }

  // load reads the page the query asks for; a newer load wins over an older one.
  let generation = 0
  async function load() {
    const mine = ++generation
    loading.value = true
    try {
      const p = await casesApi.list(query.value)
      if (mine === generation) page.value = p
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  // loadFigures reads the supervision counts and this year's figures, which change only with a
  // write (not when the list pages, sorts or filters).
  async function loadFigures() {
    const [c, y] = await Promise.all([casesApi.supervision(), casesApi.statistics(`${isoDay().slice(0, 4)}-01-01`, '')])
    counts.value = c
    year.value = y
  }

  async function open(id: string) {
    const [c, d] = await Promise.all([casesApi.get(id), casesApi.documents(id)])
    current.value = c
    documents.value = d
  }

  async function register(input: CaseInput) {
    const r = await casesApi.register(input)
    await Promise.all([load(), loadFigures()])
    return r
  }

  // act takes a step; one that issues a document (交办, 催办) returns it.
  async function act(id: string, step: CaseStep): Promise<Issued | null> {
    const issues = !!documentOf(choices.value.needs, step.action, current.value?.id === id ? current.value : null)
    let issued: Issued | null = null
    if (issues) issued = await casesApi.actAndIssue(id, step)
    else await casesApi.act(id, step)
    await Promise.all([open(id), load(), loadFigures()])
    return issued
  }

  // issueAgreement issues a dispute's 人民调解协议书 (its input as JSON) and shows it among the case's documents.
  async function issueAgreement(id: string, input: string): Promise<Issued> {
    const issued = await casesApi.issueAgreement(id, input)
    await open(id)
    return issued
  }

  return { choices, query, page, counts, year, current, documents, loading, loadChoices, load, loadFigures, open, register, act, issueAgreement }
})
