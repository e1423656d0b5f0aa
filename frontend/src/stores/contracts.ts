import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Issued } from '../api/docs'
import { isoDay } from '../utils/format'
import {
  blankContractQuery, contractsApi, type Adviser, type Alert, type ContractChoices, type ContractPage, type ContractQuery,
  type ContractSettings, type Request, type RequestInput, type Village,
} from '../api/contracts'

// The 合同审查 screen's state: the fixed choices, the villages, the advisers and the office's rules;
// the list's query and page; the request open in the drawer with the opinions issued for it; and the
// alerts of 首页. Every write on the open request reads it again, and the list, the advisers (their
// open reviews) and the alerts once they have been read.
export const useContractsStore = defineStore('contracts', () => {
  const choices = ref<ContractChoices>({ types: [], states: [], conclusions: [], checklist: [], checkResults: [], riskLevels: [], procedureItem: '' })
  const villages = ref<Village[]>([])
  const advisers = ref<Adviser[] | null>(null)
  const settings = ref<ContractSettings | null>(null)
  const query = ref<ContractQuery>(blankContractQuery())
  const page = ref<ContractPage>({ total: 0, items: [] })
  const loading = ref(false)
  const current = ref<Request | null>(null)
  const documents = ref<Issued[]>([])
  const alerts = ref<Alert[] | null>(null)

  // The states by what they mean (the backend names them; choices.states keeps their order).
  const states = computed(() => {
    const s = choices.value.states
    return { waiting: s[0] ?? '', reviewing: s[1] ?? '', opinion: s[2] ?? '', returned: s[3] ?? '', signed: s[4] ?? '', abandoned: s[5] ?? '' }
  })

  async function loadChoices() {
    if (!choices.value.states.length) choices.value = await contractsApi.choices()
  }

  async function loadVillages() {
    if (!villages.value.length) villages.value = await contractsApi.villages()
  }

  async function loadAdvisers() {
    advisers.value = await contractsApi.advisers()
  }

  async function loadSettings() {
    settings.value = await contractsApi.settings()
  }

  // load reads the page the query asks for; a newer load wins over an older one.
  let generation = 0
  async function load() {
    const mine = ++generation
    loading.value = true
    try {
      const p = await contractsApi.list(query.value)
      if (mine === generation) page.value = p
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  async function loadAlerts() {
    alerts.value = await contractsApi.alerts()
  }

  // open reads a request and its opinions into the drawer.
  async function open(id: string) {
    const [r, d] = await Promise.all([contractsApi.get(id), contractsApi.documents(id)])
    current.value = r
    documents.value = d
  }

  async function refresh() {
    if (current.value) await open(current.value.id)
  }

  // others reads again what a write may have changed beside the open request (a failed read does not
  // hide that the write was done).
  const others = () => Promise.all([
    load().catch(() => undefined),
    advisers.value ? loadAdvisers().catch(() => undefined) : undefined,
    alerts.value ? loadAlerts().catch(() => undefined) : undefined,
  ])

  // change runs a write on the open request, then reads it and the rest again.
  async function change<T>(write: () => Promise<T>): Promise<T> {
    const r = await write()
    await Promise.all([refresh(), others()])
    return r
  }

  // submit registers a request and returns its id.
  async function submit(input: RequestInput): Promise<string> {
    const id = await contractsApi.submit(input)
    await others()
    return id
  }

  // remove deletes a request entered by mistake and closes it.
  async function remove(id: string) {
    await contractsApi.remove(id)
    if (current.value?.id === id) current.value = null
    await others()
  }

  // changedElsewhere reads again whatever is shown, when the backend says contracts changed.
  async function changedElsewhere() {
    await Promise.all([current.value ? refresh().catch(() => undefined) : undefined, others()])
  }

  // villageAdviser is the adviser serving a village on day (today by default), if any.
  function villageAdviser(villageId: string, day = isoDay()): Adviser | undefined {
    return (advisers.value ?? []).find((a) => a.villages.some((v) => v.villageId === villageId && v.since <= day && (!v.until || v.until >= day)))
  }

  return {
    choices, villages, advisers, settings, query, page, loading, current, documents, alerts, states,
    loadChoices, loadVillages, loadAdvisers, loadSettings, load, loadAlerts, open, refresh, change, submit, remove, changedElsewhere, villageAdviser,
  }
})
