import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Issued } from '../api/docs'
import { isoDay } from '../utils/format'
import {
  blankMeetingQuery, meetingsApi, type Due, type Meeting, type MeetingChoices, type MeetingInput, type MeetingPage,
  type MeetingQuery, type Village,
} from '../api/meetings'

// The 会议 screen's state: the fixed choices and the villages, the list's query and page, the regular
// meetings due, and the meeting open in the drawer with the papers issued for it. Every write on the
// open meeting reads it again (its quorum, agenda and decisions as the backend counts them) and the
// list (its 应到/实到 and decisions).
export const useMeetingsStore = defineStore('meetings', () => {
  const choices = ref<MeetingChoices>({ kinds: [], states: [], attendances: [], roles: [], grades: [], regular: [] })
  const villages = ref<Village[]>([])
  const query = ref<MeetingQuery>(blankMeetingQuery())
  const page = ref<MeetingPage>({ total: 0, items: [] })
  const loading = ref(false)
  const due = ref<Due[] | null>(null)
  const current = ref<Meeting | null>(null)
  const documents = ref<Issued[]>([])

  async function loadChoices() {
    if (!choices.value.kinds.length) choices.value = await meetingsApi.choices()
  }

  async function loadVillages() {
    if (!villages.value.length) villages.value = await meetingsApi.villages()
  }

  // load reads the page the query asks for; a newer load wins over an older one.
  let generation = 0
  async function load() {
    const mine = ++generation
    loading.value = true
    try {
      const p = await meetingsApi.list(query.value)
      if (mine === generation) page.value = p
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  async function loadDue() {
    due.value = await meetingsApi.due('')
  }

  // open reads a meeting and its papers into the drawer.
  async function open(id: string) {
    const [m, d] = await Promise.all([meetingsApi.get(id), meetingsApi.documents(id)])
    current.value = m
    documents.value = d
  }

  // refresh reads the open meeting again.
  async function refresh() {
    if (current.value) await open(current.value.id)
  }

  // change runs a write on the open meeting, then reads it, the list and the due meetings again (a
  // failed list read does not hide that the write was done).
  async function change<T>(write: () => Promise<T>): Promise<T> {
    const r = await write()
    await Promise.all([refresh(), load().catch(() => undefined), due.value ? loadDue().catch(() => undefined) : undefined])
    return r
  }

  // create calls a meeting and returns its id; the list and the due meetings are read again.
  async function create(input: MeetingInput): Promise<string> {
    const id = await meetingsApi.create(input)
    await Promise.all([load().catch(() => undefined), due.value ? loadDue().catch(() => undefined) : undefined])
    return id
  }

  // hold calls the regular meeting a village owes for today (召开 from the due list).
  const hold = (d: Pick<Due, 'villageId' | 'kind'>) => create({
    villageId: d.villageId, kind: d.kind, title: '', date: isoDay(), start: '', end: '', place: '', host: '', recorder: '',
  })

  // remove deletes the open meeting and closes it.
  async function remove(id: string) {
    await meetingsApi.remove(id)
    if (current.value?.id === id) current.value = null
    await Promise.all([load().catch(() => undefined), due.value ? loadDue().catch(() => undefined) : undefined])
  }

  return { choices, villages, query, page, loading, due, current, documents, loadChoices, loadVillages, load, loadDue, open, refresh, change, create, hold, remove }
})
