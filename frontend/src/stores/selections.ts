import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { docsApi, type DocFile, type Issued } from '../api/docs'
import {
  blankNotice, selectionsApi, type Campaign, type Nomination, type NoticeInput, type Objection, type Ranking,
  type SelectionChoices, type Village,
} from '../api/selections'
import { isoDay } from '../utils/format'

const NOTICE_KEY = 'xiangzhi.selections.notice'

// The 评选表彰 screen's state: the fixed choices and the villages; the campaigns of the year chosen;
// the campaign open in the drawer with its nominees, ranked list (panel, recusals and scores),
// objections and papers; the paper shown in the print preview; and the 公示's particulars typed
// last (where, how, whom to ask — remembered on this computer, offered again when an objection
// sustained posts it anew). Every write on the open campaign reads it all again, and the list.
export const useSelectionsStore = defineStore('selections', () => {
  const choices = ref<SelectionChoices>({ kinds: [], phases: [], recommenders: [], tieRule: '' })
  const villages = ref<Village[]>([])
  const year = ref(Number(isoDay().slice(0, 4)))
  const campaigns = ref<Campaign[]>([])
  const loading = ref(false)
  const current = ref<Campaign | null>(null)
  const nominations = ref<Nomination[]>([])
  const ranking = ref<Ranking | null>(null)
  const objections = ref<Objection[]>([])
  const documents = ref<Issued[]>([])
  const paper = ref<DocFile | null>(null)
  const paperOpen = ref(false)
  const notice = ref<NoticeInput>({ ...blankNotice(), ...JSON.parse(localStorage.getItem(NOTICE_KEY) ?? '{}'), start: '' })

  // phase is the open campaign's phase by its place in choices.phases (0 推荐 … 5 表彰), -1 when none.
  const phase = computed(() => (current.value ? choices.value.phases.indexOf(current.value.phase) : -1))

  async function loadChoices() {
    if (!choices.value.phases.length) choices.value = await selectionsApi.choices()
  }
  async function loadVillages() {
    if (!villages.value.length) villages.value = await selectionsApi.villages()
  }

  // load reads the year's campaigns; a newer load wins over an older one.
  let generation = 0
  async function load() {
    const mine = ++generation
    loading.value = true
    try {
      const list = await selectionsApi.list(year.value)
      if (mine === generation) campaigns.value = list
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  // open reads a campaign and everything its tabs show.
  async function open(id: string) {
    const [c, n, r, o, d] = await Promise.all([selectionsApi.get(id), selectionsApi.nominations(id), selectionsApi.rank(id),
      selectionsApi.objections(id), selectionsApi.documents(id)])
    current.value = c
    nominations.value = n
    ranking.value = r
    objections.value = o
    documents.value = d
  }
  async function refresh() {
    if (current.value) await open(current.value.id)
  }

  // change runs a write on the open campaign, then reads it and the list again (a failed read does
  // not hide that the write was done).
  async function change<T>(write: () => Promise<T>): Promise<T> {
    const r = await write()
    await Promise.all([refresh().catch(() => undefined), load().catch(() => undefined)])
    return r
  }

  // rememberNotice keeps the 公示's particulars for the next one (not its start or 文号).
  function rememberNotice(n: NoticeInput) {
    notice.value = { ...n, start: '', number: '' }
    localStorage.setItem(NOTICE_KEY, JSON.stringify(notice.value))
  }

  function showPaper(f: DocFile) {
    paper.value = f
    paperOpen.value = true
  }
  async function showIssued(id: string) {
    showPaper(await docsApi.open(id))
  }

  async function changedElsewhere() {
    await Promise.all([refresh().catch(() => undefined), load().catch(() => undefined)])
  }

  return {
    choices, villages, year, campaigns, loading, current, nominations, ranking, objections, documents, paper, paperOpen, notice, phase,
    loadChoices, loadVillages, load, open, refresh, change, rememberNotice, showPaper, showIssued, changedElsewhere,
  }
})
