import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError } from '../api/call'
import {
  gridApi,
  type CadenceItem, type CadenceReport, type CadenceSummary, type GridChoices, type Hit, type Household, type HouseholdInput, type HeadInput, type Leader, type LeaderInput,
  type Level, type Merged, type Resident, type ResidentInput, type StatusInput, type TreeNode, type VillageSummary, type Visit, type VisitInput,
} from '../api/grid'
import { childLevel, findNode, findPath, neighbourhoodsOf } from '../utils/gridTree'

// SEARCH_LIMIT is the most residents one search shows.
export const SEARCH_LIMIT = 100

// The forms of the grid screens; a field error of the backend is kept under its form.
export type GridForm = 'node' | 'household' | 'resident' | 'status' | 'visit' | 'visitEdit' | 'leader' | 'split' | 'merge' | 'move' | 'search'

// The grid registry as the screens share it: the villages, the selected village's tree and node, the
// households of a selected neighbourhood, the household whose members or visits are open, the
// leaders, the search and the visit-cadence tracker.
export const useGridStore = defineStore('grid', () => {
  const choices = ref<GridChoices>({ keyTags: [], relations: [], visitForms: [], roles: {}, ethnicities: [], statuses: [] })
  const villages = ref<VillageSummary[]>([])
  const villageId = ref('')
  const tree = ref<TreeNode | null>(null)
  const nodeId = ref('')
  const households = ref<Household[]>([])
  const leaders = ref<Leader[]>([])
  const householdId = ref('') // the household whose members or visits are open
  const members = ref<Resident[]>([])
  const visits = ref<Visit[]>([])
  const query = ref('')
  const hits = ref<Hit[]>([])
  const cadence = ref<CadenceReport | null>(null)
  const cadenceVillageId = ref('')
  const todo = ref<CadenceReport | null>(null)
  const fieldErrors = ref<Partial<Record<GridForm, Record<string, string>>>>({})

  const village = computed(() => villages.value.find((v) => v.id === villageId.value) ?? null)
  const node = computed(() => (tree.value && findNode(tree.value, nodeId.value)) || null)
  const path = computed(() => (tree.value ? findPath(tree.value, nodeId.value) : []))
  const neighbourhoods = computed(() => (tree.value ? neighbourhoodsOf(tree.value) : []))
  const household = computed(() => households.value.find((h) => h.id === householdId.value) ?? null)

  // save runs a change for a form: its field errors are kept for the form and thrown on.
  async function save<T>(form: GridForm, fn: () => Promise<T>): Promise<T> {
    clearErrors(form)
    try {
      return await fn()
    } catch (e) {
      if (e instanceof ApiError && e.field) fieldErrors.value[form] = Object.fromEntries(e.problems().map((p) => [p.field, p.message]))
      throw e
    }
  }

  function clearErrors(form: GridForm) {
    delete fieldErrors.value[form]
  }

  // clearFieldError removes the error of one field of a form (the officer changed that field).
  function clearFieldError(form: GridForm, field: string) {
    const errs = fieldErrors.value[form]
    if (errs && field in errs) delete errs[field]
  }

  async function loadChoices() {
    if (!choices.value.relations.length) choices.value = await gridApi.choices()
  }

  // loadVillages reads the villages; the selected one stays selected, or the first one is.
  async function loadVillages() {
    villages.value = await gridApi.villages()
    if (!villages.value.some((v) => v.id === villageId.value)) {
      if (villages.value.length) await selectVillage(villages.value[0].id)
      else clearVillage()
    }
  }

  function clearVillage() {
    villageId.value = nodeId.value = ''
    tree.value = null
    households.value = []
    leaders.value = []
  }

  async function selectVillage(id: string) {
    villageId.value = nodeId.value = id
    households.value = []
    await Promise.all([loadTree(), loadLeaders()])
  }

  async function loadTree() {
    if (!villageId.value) return
    tree.value = await gridApi.villageTree(villageId.value)
    if (!findNode(tree.value, nodeId.value)) nodeId.value = villageId.value
  }

  async function selectNode(id: string) {
    nodeId.value = id
    households.value = []
    await loadHouseholds()
  }

  async function loadHouseholds() {
    const id = nodeId.value
    const list = node.value?.level === 'neighbourhoods' ? await gridApi.households(id) : []
    if (id === nodeId.value) households.value = list
  }

  async function loadLeaders() {
    leaders.value = villageId.value ? await gridApi.leaders(villageId.value) : []
  }

  // refresh reads again what a change of the structure or of households alters: counts, tree, list.
  async function refresh() {
    const [list] = await Promise.all([gridApi.villages(), loadTree()])
    villages.value = list
    await loadHouseholds()
  }

  // reloadAll reads everything shown again after the registry changed wholesale (a roster import):
  // the villages, the selected village's tree, leaders and households (or the first village when
  // none was selected), and the trackers that are loaded.
  async function reloadAll() {
    villages.value = await gridApi.villages()
    if (villages.value.some((v) => v.id === villageId.value)) {
      await Promise.all([loadTree(), loadLeaders()])
      await loadHouseholds()
    } else if (villages.value.length) {
      await selectVillage(villages.value[0].id)
    } else {
      clearVillage()
    }
    await Promise.all([cadence.value ? loadCadence() : undefined, todo.value ? loadTodo() : undefined])
  }

  async function createVillage(name: string, kind: string) {
    const id = await save('node', () => gridApi.createNode({ level: 'villages', parentId: '', name, kind }))
    villages.value = await gridApi.villages()
    await selectVillage(id)
    return id
  }

  // createChild adds a piece, group or neighbourhood under parent and selects it.
  async function createChild(parent: TreeNode, name: string) {
    const level = childLevel(parent.level)
    if (!level) throw new Error('no level below a neighbourhood')
    const id = await save('node', () => gridApi.createNode({ level, parentId: parent.id, name, kind: '' }))
    const [list] = await Promise.all([gridApi.villages(), loadTree()])
    villages.value = list
    await selectNode(id)
    return id
  }

  async function renameNode(level: Level, id: string, name: string) {
    await save('node', () => gridApi.renameNode(level, id, name))
    await refresh()
  }

  // deleteNode deletes an empty node and selects the one above it.
  async function deleteNode(level: Level, id: string) {
    await gridApi.deleteNode(level, id)
    if (level === 'villages') {
      clearVillage()
      await loadVillages()
      return
    }
    const p = path.value
    if (p.length > 1 && p[p.length - 1].id === id) nodeId.value = p[p.length - 2].id
    await refresh()
  }

  // createHousehold adds a household with its head (the head's field errors are headName, headIdNumber).
  async function createHousehold(input: HouseholdInput, head: HeadInput) {
    const id = await save('household', () => gridApi.createHousehold(input, head))
    await refresh()
    return id
  }

  async function updateHousehold(id: string, input: HouseholdInput) {
    await save('household', () => gridApi.updateHousehold(id, input))
    await loadHouseholds()
  }

  async function deleteHousehold(id: string) {
    await gridApi.deleteHousehold(id)
    await refresh()
  }

  async function moveHousehold(id: string, to: string) {
    const warnings = await save('move', () => gridApi.moveHousehold(id, to))
    await refresh()
    return warnings
  }

  async function splitNeighbourhood(name: string, ids: string[]) {
    const from = nodeId.value
    const r = await save('split', () => gridApi.splitNeighbourhood(from, name, ids))
    await refresh()
    return r
  }

  // mergeInto moves every household of the neighbourhood from into the selected one; it returns
  // what the merge did, for undoMerge.
  async function mergeInto(from: string) {
    const into = nodeId.value
    const merged = await save('merge', () => gridApi.mergeNeighbourhoods(into, from))
    await Promise.all([refresh(), loadLeaders()])
    return merged
  }

  // The undos of the changes above (the 撤销 offered with their success message).
  async function undoMerge(m: Merged) {
    await gridApi.undoMerge(m)
    await Promise.all([refresh(), loadLeaders()])
  }

  async function undoMove(id: string, back: string) {
    await gridApi.moveHousehold(id, back)
    await refresh()
  }

  // undoSplit merges the neighbourhood a split made back into the one it came from.
  async function undoSplit(from: string, made: string) {
    await gridApi.mergeNeighbourhoods(from, made)
    if (nodeId.value === made) nodeId.value = from
    await Promise.all([refresh(), loadLeaders()])
  }

  // restore brings back what was deleted by mistake: a household, a resident, or a node.
  async function restore(table: 'households' | 'residents' | Level, id: string) {
    await gridApi.restore(table, id)
    if (table === 'villages') await loadVillages()
    else await Promise.all([refresh(), table === 'residents' ? loadMembers() : Promise.resolve()])
  }

  // showHousehold selects a household's village and neighbourhood for the grid screen, which opens
  // its members when it shows (from 居民查询's detail).
  const focusHousehold = ref('')
  function showHousehold(village: string, neighbourhood: string, household: string) {
    villageId.value = village
    nodeId.value = neighbourhood
    focusHousehold.value = household
  }

  async function openHousehold(id: string) {
    householdId.value = id
    members.value = []
    visits.value = []
    await Promise.all([loadMembers(), loadVisits()])
  }

  async function loadMembers() {
    members.value = householdId.value ? await gridApi.members(householdId.value) : []
  }

  async function loadVisits() {
    visits.value = householdId.value ? await gridApi.visits(householdId.value) : []
  }

  // saveResident adds (id empty) or changes a resident of the open household.
  async function saveResident(id: string, input: ResidentInput) {
    const saved = await save('resident', async () => {
      if (!id) return gridApi.addResident(input)
      await gridApi.updateResident(id, input)
      return id
    })
    await Promise.all([loadMembers(), refresh()])
    return saved
  }

  async function deleteResident(id: string) {
    await gridApi.deleteResident(id)
    await Promise.all([loadMembers(), refresh()])
  }

  // setResidentStatus marks a member of the open household 迁出 or 死亡, or puts them back in the
  // register; the counts follow.
  async function setResidentStatus(id: string, input: StatusInput) {
    await save('status', () => gridApi.setResidentStatus(id, input))
    await Promise.all([loadMembers(), refresh()])
  }

  // recordVisit records a visit, then reads again the visits and the trackers that are loaded.
  async function recordVisit(input: VisitInput) {
    const id = await save('visit', () => gridApi.recordVisit(input))
    await visitsChanged(input.householdId)
    return id
  }

  // updateVisit corrects a visit of the open household; withdrawVisit withdraws one with the reason.
  async function updateVisit(id: string, input: VisitInput) {
    await save('visitEdit', () => gridApi.updateVisit(id, input))
    await visitsChanged(input.householdId)
  }

  async function withdrawVisit(id: string, reason: string) {
    await gridApi.withdrawVisit(id, reason)
    await visitsChanged(householdId.value)
  }

  // visitsChanged reads again the visits of the household and the trackers that are loaded.
  async function visitsChanged(household: string) {
    await Promise.all([
      household === householdId.value ? loadVisits() : undefined,
      cadence.value ? loadCadence() : undefined,
      todo.value ? loadTodo() : undefined,
    ])
  }

  async function assignLeader(input: LeaderInput) {
    const id = await save('leader', () => gridApi.assignLeader(input))
    await Promise.all([loadLeaders(), loadTree()])
    return id
  }

  async function endTerm(id: string, date = '') {
    await gridApi.endTerm(id, date)
    await Promise.all([loadLeaders(), loadTree()])
  }

  // search finds residents; only the answer to the latest query is kept.
  let searchSeq = 0
  async function search(q: string) {
    query.value = q
    const seq = ++searchSeq
    clearErrors('search')
    if (!q.trim()) {
      hits.value = []
      return
    }
    try {
      const found = await gridApi.search(q, SEARCH_LIMIT)
      if (seq === searchSeq) hits.value = found
    } catch (e) {
      if (seq !== searchSeq) return
      hits.value = []
      if (e instanceof ApiError && e.field) fieldErrors.value.search = { [e.field]: e.message }
      else throw e
    }
  }

  async function loadCadence(villageFilter = cadenceVillageId.value) {
    if (villageFilter !== cadenceVillageId.value) cadenceLeader.value = null
    cadenceVillageId.value = villageFilter
    const [report] = await Promise.all([gridApi.cadence(villageFilter, 500), loadLeaderItems()])
    cadence.value = report
  }

  // pickLeader narrows the tracker's overdue list to one leader's neighbourhood (null: all again).
  const cadenceLeader = ref<CadenceSummary | null>(null)
  const leaderItems = ref<CadenceItem[]>([])
  async function pickLeader(row: CadenceSummary | null) {
    cadenceLeader.value = row
    await loadLeaderItems()
  }
  async function loadLeaderItems() {
    leaderItems.value = cadenceLeader.value ? await gridApi.overdueIn(cadenceLeader.value.id) : []
  }

  // loadTodo reads the whole office's tracker with the few longest-overdue households, for the home page.
  async function loadTodo() {
    todo.value = await gridApi.cadence('', 10)
  }

  return {
    choices, villages, villageId, tree, nodeId, households, leaders, householdId, members, visits, query, hits,
    cadence, cadenceVillageId, cadenceLeader, leaderItems, pickLeader, todo, fieldErrors,
    village, node, path, neighbourhoods, household,
    clearErrors, clearFieldError, loadChoices, loadVillages, selectVillage, loadTree, selectNode, loadHouseholds, loadLeaders, refresh, reloadAll,
    createVillage, createChild, renameNode, deleteNode,
    createHousehold, updateHousehold, deleteHousehold, moveHousehold, splitNeighbourhood, mergeInto,
    undoMerge, undoMove, undoSplit, restore,
    focusHousehold, showHousehold, openHousehold, loadMembers, loadVisits, saveResident, deleteResident, setResidentStatus, recordVisit, updateVisit, withdrawVisit,
    assignLeader, endTerm, search, loadCadence, loadTodo,
  }
})
