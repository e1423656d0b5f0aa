import * as binding from '../../wailsjs/go/app/GridService'
import { grid } from '../../wailsjs/go/models'
import { call } from './call'

export type Level = 'villages' | 'pieces' | 'groups' | 'neighbourhoods'

export interface VillageSummary {
  id: string
  name: string
  kind: string
  pieces: number
  groups: number
  neighbourhoods: number
  households: number
  residents: number
}

export interface TreeNode {
  id: string
  level: Level
  name: string
  households: number
  leader: string
  warning?: string
  children: TreeNode[]
}

export interface NodeInput {
  level: Level
  parentId: string
  name: string
  kind: string
}

export interface HouseholdInput {
  neighbourhoodId: string
  code: string
  address: string
  phone: string
  tags: string[]
  notes: string
}

export interface Household extends HouseholdInput {
  id: string
  isKey: boolean
  headName: string
  members: number
}

// HeadInput is the head of a new household as the household form asks for them.
export interface HeadInput {
  name: string
  idNumber: string
}

export interface ResidentInput {
  householdId: string
  name: string
  relation: string
  idNumber: string
  sex: string
  birthDate: string
  ethnicity: string
  phone: string
  partyMember: boolean
  notes: string
}

export interface Resident extends ResidentInput {
  id: string
  status: string // '' in the register, else one of GridChoices.statuses (their record stays)
  statusDate: string
  statusNote: string
}

export interface StatusInput {
  status: string // one of GridChoices.statuses, '' to put the resident back in the register
  date: string
  note: string
}

export interface LeaderInput {
  role: string
  scopeId: string
  residentId: string
  personName: string
  phone: string
  title: string
  termStart: string
  termEnd: string
}

export interface Leader extends LeaderInput {
  id: string
  scopeName: string
}

export interface Hit {
  residentId: string
  householdId: string
  name: string
  sex: string
  birthDate: string
  idNumber: string
  phone: string
  relation: string
  address: string
  village: string
  group: string
  neighbourhood: string
  status: string // '' in the register, else one of GridChoices.statuses (their record stays)
  villageId: string
  neighbourhoodId: string
}

export interface VisitInput {
  householdId: string
  leaderId: string
  visitorName: string
  date: string
  form: string
  findings: string
  followUp: string
}

export interface Visit extends VisitInput {
  id: string
}

export interface CadenceItem {
  householdId: string
  code: string
  address: string
  headName: string
  isKey: boolean
  villageId: string
  village: string
  group: string
  neighbourhoodId: string
  neighbourhood: string
  leader: string
  lastVisit: string
  deadline: string
  status: 'ok' | 'due' | 'overdue'
  overdueDays: number
}

// A village's or a neighbourhood's counts; for a neighbourhood, name is its leader in office.
export interface CadenceSummary {
  id: string
  name: string
  village?: string
  group?: string
  neighbourhood?: string
  households: number
  due: number
  overdue: number
  maxOverdueDays: number
}

export interface CadenceReport {
  today: string
  households: number
  due: number
  overdue: number
  byVillage: CadenceSummary[]
  byLeader: CadenceSummary[] // neighbourhoods, most overdue first; with a limit only those with overdue households
  leadersOverdue: number // how many neighbourhoods have overdue households
  items: CadenceItem[] // overdue households, longest overdue first
  dueItems: CadenceItem[] // households still to visit this period, key households first
}

export interface GridChoices {
  keyTags: string[]
  relations: string[]
  visitForms: string[]
  roles: Record<string, string>
  ethnicities: string[]
  statuses: string[] // 迁出 then 死亡
}

const blankResident = (): ResidentInput => ({
  householdId: '', name: '', relation: '', idNumber: '', sex: '', birthDate: '', ethnicity: '', phone: '', partyMember: false, notes: '',
})

const list = <T>(v: T[] | null | undefined): T[] => v ?? []

// Merged is what a merge of neighbourhoods did, kept for its undo.
export interface Merged {
  into: string
  from: string
  households: string[]
  leaders: { id: string; termEnd: string }[]
  warnings: string[]
}

// A 身份证号 several residents carry after a merge with another office (masked), with those residents.
export interface PossibleDuplicate {
  idNumber: string
  residents: Hit[]
  origins: { residentId: string; office: string; registeredAt: string }[] // who registered each, and when
}

// A person's answer about a possible duplicate: the same person (keepId kept) or different people.
export interface DuplicateDecision {
  residentIds: string[]
  same: boolean
  keepId: string
  note: string
}

// What settling a possible duplicate did.
export interface DuplicateSettled {
  moved: number
  filled: string[]
  emptyHouseholds: string[]
}

// Records of the registry under a parent another office deleted (a merge brought both together).
export interface Orphans {
  table: string
  tableLabel: string
  ids: string[]
  names: string[] // of the first few
  parent: string
  parentLabel: string
  parentId: string
  parentName: string
  deletedAt: string
}

// A 片长, 组长 or 邻长 post held by several people over the same days (appointed at two offices).
export interface LeaderClash {
  role: string
  roleLabel: string
  scopeId: string
  scopeName: string
  leaders: Leader[]
}

export const gridApi = {
  villages: async (): Promise<VillageSummary[]> => list(await call(() => binding.Villages())),
  villageTree: (villageId: string): Promise<TreeNode> => call(() => binding.VillageTree(villageId)) as Promise<TreeNode>,
  createNode: (input: NodeInput): Promise<string> => call(() => binding.CreateNode(input as grid.NodeInput)),
  renameNode: (level: Level, id: string, name: string): Promise<void> => call(() => binding.RenameNode(level, id, name)),
  deleteNode: (level: Level, id: string): Promise<void> => call(() => binding.DeleteNode(level, id)),

  households: async (neighbourhoodId: string): Promise<Household[]> =>
    list(await call(() => binding.Households(neighbourhoodId))),
  // getHousehold reads one household with its full phone (the list has it masked), for the edit form.
  getHousehold: async (id: string): Promise<Household> => {
    const h = (await call(() => binding.GetHousehold(id))) as Household
    return { ...h, tags: list(h.tags) }
  },
  createHousehold: (input: HouseholdInput, head: HeadInput): Promise<string> =>
    call(() => binding.CreateHousehold(input as grid.HouseholdInput, { ...blankResident(), ...head } as grid.ResidentInput)),
  updateHousehold: (id: string, input: HouseholdInput): Promise<void> =>
    call(() => binding.UpdateHousehold(id, input as grid.HouseholdInput)),
  deleteHousehold: (id: string): Promise<void> => call(() => binding.DeleteHousehold(id)),
  moveHousehold: async (householdId: string, neighbourhoodId: string): Promise<string[]> =>
    list(await call(() => binding.MoveHousehold(householdId, neighbourhoodId))),
  splitNeighbourhood: async (neighbourhoodId: string, newName: string, householdIds: string[]) => {
    const r = await call(() => binding.SplitNeighbourhood(neighbourhoodId, newName, householdIds))
    return { id: r.id, warnings: list(r.warnings) }
  },
  // mergeNeighbourhoods returns what the merge did, for undoMerge, with its size warnings.
  mergeNeighbourhoods: async (into: string, from: string): Promise<Merged> => {
    const m = await call(() => binding.MergeNeighbourhoods(into, from))
    return { into: m.into, from: m.from, households: list(m.households), leaders: list(m.leaders), warnings: list(m.warnings) }
  },
  undoMerge: (m: Merged): Promise<void> => call(() => binding.UndoMerge(grid.Merged.createFrom(m))),
  // restore brings back a household, resident or node deleted by mistake (table names which).
  restore: (table: 'households' | 'residents' | Level, id: string): Promise<void> => call(() => binding.Restore(table, id)),

  members: async (householdId: string): Promise<Resident[]> => list(await call(() => binding.Members(householdId))),
  getResident: (id: string): Promise<Resident> => call(() => binding.GetResident(id)),
  addResident: (input: ResidentInput): Promise<string> => call(() => binding.AddResident(input as grid.ResidentInput)),
  updateResident: (id: string, input: ResidentInput): Promise<void> =>
    call(() => binding.UpdateResident(id, input as grid.ResidentInput)),
  deleteResident: (id: string): Promise<void> => call(() => binding.DeleteResident(id)),
  setResidentStatus: (id: string, input: StatusInput): Promise<void> =>
    call(() => binding.SetResidentStatus(id, input as grid.StatusInput)),

  leaders: async (villageId: string): Promise<Leader[]> => list(await call(() => binding.Leaders(villageId))),
  assignLeader: (input: LeaderInput): Promise<string> => call(() => binding.AssignLeader(input as grid.LeaderInput)),
  endTerm: (leaderId: string, date: string): Promise<void> => call(() => binding.EndTerm(leaderId, date)),

  possibleDuplicates: async (): Promise<PossibleDuplicate[]> =>
    list(await call(() => binding.PossibleDuplicates())).map((d) => ({ ...d, residents: list(d.residents), origins: list(d.origins) })),
  settleDuplicate: async (d: DuplicateDecision): Promise<DuplicateSettled> => {
    const r = await call(() => binding.SettleDuplicate(d as grid.DuplicateDecision))
    return { moved: r.moved, filled: list(r.filled), emptyHouseholds: list(r.emptyHouseholds) }
  },

  orphans: async (): Promise<Orphans[]> =>
    list(await call(() => binding.Orphans())).map((o) => ({ ...o, ids: list(o.ids), names: list(o.names) })),
  // settleOrphans brings the deleted parent back (restoreParent), or deletes the records under it too.
  settleOrphans: (o: Orphans, restoreParent: boolean): Promise<void> =>
    call(() => binding.SettleOrphans(o.table, o.parentId, restoreParent)),

  leaderClashes: async (): Promise<LeaderClash[]> =>
    list(await call(() => binding.LeaderClashes())).map((c) => ({ ...c, leaders: list(c.leaders) })) as LeaderClash[],
  // settleLeaderClash keeps keepId as the post's holder: the others' terms end before it.
  settleLeaderClash: (keepId: string): Promise<void> => call(() => binding.SettleLeaderClash(keepId)),

  search: async (query: string, limit = 50): Promise<Hit[]> => list(await call(() => binding.Search(query, limit))),

  recordVisit: (input: VisitInput): Promise<string> => call(() => binding.RecordVisit(input as grid.VisitInput)),
  // updateVisit corrects a recorded visit (its household stays).
  updateVisit: (id: string, input: VisitInput): Promise<void> => call(() => binding.UpdateVisit(id, input as grid.VisitInput)),
  // withdrawVisit withdraws a visit recorded by mistake; the reason is kept with it.
  withdrawVisit: (id: string, reason: string): Promise<void> => call(() => binding.WithdrawVisit(id, reason)),
  visits: async (householdId: string): Promise<Visit[]> => list(await call(() => binding.Visits(householdId))),
  cadence: async (villageId = '', limit = 200): Promise<CadenceReport> => {
    const r = (await call(() => binding.Cadence(villageId, limit))) as CadenceReport
    return { ...r, byVillage: list(r.byVillage), byLeader: list(r.byLeader), items: list(r.items), dueItems: list(r.dueItems) }
  },
  overdueIn: async (neighbourhoodId: string): Promise<CadenceItem[]> =>
    list(await call(() => binding.OverdueIn(neighbourhoodId))) as CadenceItem[],
  choices: async (): Promise<GridChoices> => {
    const c = (await call(() => binding.Choices())) as GridChoices
    return {
      keyTags: list(c.keyTags), relations: list(c.relations), visitForms: list(c.visitForms), roles: c.roles ?? {},
      ethnicities: list(c.ethnicities), statuses: list(c.statuses),
    }
  },
}
