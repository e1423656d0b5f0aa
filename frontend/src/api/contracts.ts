import * as binding from '../../wailsjs/go/app/ContractService'
import type { contracts } from '../../wailsjs/go/models'
import { call } from './call'
import { file as docFile, type DocFile, type Issued } from './docs'

// The legal advisers' contract reviews: what backend/contracts takes and gives. Amounts are typed in
// 元 and kept in 分; the capital form (人民币壹万贰仟伍佰元整) only ever comes from the backend.

// The fixed lists of the forms: types, states (待审, 审查中, 已出具意见, 退回补充, 已签订, 已放弃),
// conclusions (同意签订, 修改后签订, 不同意签订), the checklist's eight items, its results (符合, 存在问题,
// 不适用) and the risk levels, highest first.
export interface ContractChoices {
  types: string[]
  states: string[]
  conclusions: string[]
  checklist: string[]
  checkResults: string[]
  riskLevels: string[]
  procedureItem: string // the item a major contract without its democratic procedure cannot pass
}

export interface Village {
  id: string
  name: string
}

// How often an adviser was invited to a village's 两委会议 while serving it, and came.
export interface Attendance {
  invited: number
  present: number
}

// A village an adviser serves (until '') or served.
export interface Served {
  id: string
  villageId: string
  villageName: string
  since: string
  until: string
  attendance: Attendance
}

export interface AdviserInput {
  name: string
  firm: string
  licenceNo: string // 执业证号, 17 digits
  phone: string
  notes: string
}

export interface Adviser extends AdviserInput {
  id: string
  villages: Served[]
  attendance: Attendance
  open: number // requests waiting for or under their review
}

// One instalment as typed (amount in 元) and as kept (in 分).
export interface PaymentInput {
  due: string
  amount: string
  note: string
}

export interface Payment {
  due: string
  amountFen: number
  note: string
}

// The terms of a version as the village submits them; changeNote says what a resubmission changed.
export interface Terms {
  counterparty: string
  creditCode: string
  representative: string
  amount: string // 元, '' for none
  termStart: string
  termEnd: string
  renewal: string
  noticeDays: number
  payments: PaymentInput[]
  changeNote: string
}

// The democratic-procedure evidence of a major contract: a decision passed by vote, or why none is needed.
export interface Procedure {
  resolutionId: string
  noResolution: string
}

export interface RequestInput extends Procedure {
  villageId: string
  title: string
  type: string
  submittedBy: string
  submittedOn: string // ISO, '' for today
  reviewDays: number // working days, 0 for the office's default
  adviserId: string // '' for the village's adviser
  terms: Terms
}

// A version of the terms as kept: amountYuan (¥120,000.00) and amountCapital from the backend.
export interface Version {
  id: string
  version: number
  submittedOn: string
  counterparty: string
  creditCode: string
  representative: string
  amountFen: number
  amountYuan: string
  amountCapital: string
  termStart: string
  termEnd: string
  renewal: string
  noticeDays: number
  payments: Payment[]
  changeNote: string
  by: string
}

export interface Change {
  field: string
  before: string
  after: string
}

export interface VersionChanges {
  version: number
  changes: Change[]
}

export interface Check {
  item: string
  result: string
  finding: string
}

export interface RiskInput {
  level: string
  clause: string
  problem: string
  revision: string
}

// An earlier risk a later version answered, with how.
export interface Answered {
  riskId: string
  note: string
}

export interface OpinionInput {
  checklist: Check[]
  risks: RiskInput[]
  answered: Answered[]
  conclusion: string
  reasons: string
  reservations: string
}

// A risk found in the review of version foundIn, answered by version addressedIn (0 while open).
export interface Risk extends RiskInput {
  id: string
  reviewId: string
  foundIn: number
  addressedIn: number
  addressedNote: string
}

export interface Review {
  id: string
  version: number
  adviserId: string
  adviserName: string
  checklist: Check[]
  conclusion: string
  reasons: string
  reservations: string
  issuedOn: string
}

// A decision of a village meeting, the evidence a major contract may name.
export interface ResolutionBrief {
  id: string
  meetingId: string
  meetingTitle: string
  kind: string
  villageId: string
  heldOn: string
  state: string
  text: string
  voted: boolean
  passed: boolean
  for: number
  against: number
  abstain: number
}

// A request as the list shows it: overdue (waiting or under review past the deadline) by daysOver
// working days; conclusion is the last opinion's.
export interface Summary {
  id: string
  number: string
  villageId: string
  villageName: string
  title: string
  type: string
  state: string
  adviserId: string
  adviserName: string
  counterparty: string
  amountFen: number
  submittedOn: string
  deadline: string
  version: number
  major: boolean
  conclusion: string
  overdue: boolean
  daysOver: number
  override: boolean
  termEnd: string
}

export interface ContractEvent {
  at: string
  on: string
  action: string
  from: string
  to: string
  version: number
  note: string
  operator: string
}

// A request whole: its versions (the first first) with what each later one changed, its opinions
// and risks, and its timeline. needsProcedure: major, and neither a decision nor a reason yet.
export interface Request extends Summary {
  submittedBy: string
  reviewDays: number
  majorWhy: string
  resolutionId: string
  resolution: ResolutionBrief | null
  noResolution: string
  missing: string
  signedOn: string
  overrideReason: string
  closedReason: string
  needsProcedure: boolean
  versions: Version[]
  changes: VersionChanges[]
  reviews: Review[]
  risks: Risk[]
  events: ContractEvent[]
}

// The list's filters: state is a state or 'open' (every state but 已签订 and 已放弃); year 0 for any.
export interface ContractQuery {
  villageId: string
  state: string
  type: string
  year: number
  overdue: boolean
  words: string
  limit: number
  offset: number
}

export interface ContractPage {
  total: number
  items: Summary[]
}

// The signing: its day ('' for today) and, against the opinion or without the procedure, why.
export interface SignInput {
  signedOn: string
  override: string
}

// The office's rules: the types always major, the amount from which any is (majorAmount in 元, as
// typed), the review's working days and how many days ahead 首页 warns.
export interface ContractSettings {
  majorTypes: string[]
  majorAmountFen: number
  majorAmount: string
  reviewDays: number
  alertDays: number
}

// Something to do about a contract by a date: daysLeft is negative for a review past its deadline.
export interface Alert {
  requestId: string
  number: string
  title: string
  villageName: string
  kind: string
  date: string
  daysLeft: number
  note: string
}

const list = <T>(v: T[] | null | undefined): T[] => v ?? []

// formatYuan shows 分 as 元: ¥12,500.00.
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.round(fen))
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`
}

// yuanInput gives 分 as an officer types 元 (12500, 12500.5), '' for none.
export function yuanInput(fen: number): string {
  if (!fen) return ''
  const s = (fen / 100).toFixed(2)
  return s.endsWith('.00') ? s.slice(0, -3) : s.replace(/0$/, '')
}

export const blankTerms = (): Terms => ({
  counterparty: '', creditCode: '', representative: '', amount: '', termStart: '', termEnd: '', renewal: '', noticeDays: 0,
  payments: [], changeNote: '',
})

// termsOf gives a version's terms as the form shows them, to revise for a resubmission (no change note yet).
export const termsOf = (v: Version): Terms => ({
  counterparty: v.counterparty, creditCode: v.creditCode, representative: v.representative, amount: yuanInput(v.amountFen),
  termStart: v.termStart, termEnd: v.termEnd, renewal: v.renewal, noticeDays: v.noticeDays,
  payments: v.payments.map((p) => ({ due: p.due, amount: yuanInput(p.amountFen), note: p.note })), changeNote: '',
})

export const blankRequest = (): RequestInput => ({
  villageId: '', title: '', type: '', submittedBy: '', submittedOn: '', reviewDays: 0, adviserId: '', resolutionId: '', noResolution: '',
  terms: blankTerms(),
})

export const blankContractQuery = (): ContractQuery => ({
  villageId: '', state: '', type: '', year: 0, overdue: false, words: '', limit: 20, offset: 0,
})

export const blankAdviser = (): AdviserInput => ({ name: '', firm: '', licenceNo: '', phone: '', notes: '' })

const attendance = (a: Attendance | null | undefined): Attendance => a ?? { invited: 0, present: 0 }

// adviser reads an adviser as the backend gives it, never with null lists.
function adviser(a: contracts.Adviser): Adviser {
  return {
    ...(a as unknown as Adviser),
    attendance: attendance(a.attendance),
    villages: list(a.villages).map((v) => ({ ...(v as unknown as Served), attendance: attendance(v.attendance) })),
  }
}

// request reads a request as the backend gives it: never null lists, no decision as null.
export function request(r: contracts.Request): Request {
  const x = r as unknown as Request
  return {
    ...x,
    resolution: x.resolution?.id ? x.resolution : null,
    versions: list(x.versions).map((v) => ({ ...v, payments: list(v.payments) })),
    changes: list(x.changes).map((c) => ({ ...c, changes: list(c.changes) })),
    reviews: list(x.reviews).map((v) => ({ ...v, checklist: list(v.checklist) })),
    risks: list(x.risks),
    events: list(x.events),
  }
}

export const contractsApi = {
  choices: async (): Promise<ContractChoices> => {
    const c = await call(() => binding.Choices())
    return {
      types: list(c.types), states: list(c.states), conclusions: list(c.conclusions), checklist: list(c.checklist),
      checkResults: list(c.checkResults), riskLevels: list(c.riskLevels), procedureItem: c.procedureItem ?? '',
    }
  },
  villages: async (): Promise<Village[]> => list(await call(() => binding.Villages())).map((v) => ({ id: v.id, name: v.name })),
  settings: async (): Promise<ContractSettings> => {
    const s = await call(() => binding.Settings())
    return { ...(s as ContractSettings), majorTypes: list(s.majorTypes) }
  },
  setSettings: (s: ContractSettings): Promise<void> => call(() => binding.SetSettings(s as contracts.Settings)),
  advisers: async (): Promise<Adviser[]> => list(await call(() => binding.Advisers())).map(adviser),
  addAdviser: (a: AdviserInput): Promise<string> => call(() => binding.AddAdviser(a as contracts.AdviserInput)),
  updateAdviser: (id: string, a: AdviserInput): Promise<void> => call(() => binding.UpdateAdviser(id, a as contracts.AdviserInput)),
  // assignVillage makes the adviser the village's from since ('' for today); whoever served it before stops the day before.
  assignVillage: (adviserId: string, villageId: string, since: string): Promise<string> =>
    call(() => binding.AssignVillage(adviserId, villageId, since)),
  endService: (servedId: string, until: string): Promise<void> => call(() => binding.EndService(servedId, until)),
  list: async (q: ContractQuery): Promise<ContractPage> => {
    const p = await call(() => binding.List(q as contracts.Query))
    return { total: p.total, items: list(p.items) as unknown as Summary[] }
  },
  get: async (id: string): Promise<Request> => request(await call(() => binding.Get(id))),
  // decisions lists the village's decisions passed by vote, the latest first.
  decisions: async (villageId: string): Promise<ResolutionBrief[]> =>
    list(await call(() => binding.Decisions(villageId))) as unknown as ResolutionBrief[],
  submit: (r: RequestInput): Promise<string> => call(() => binding.Submit(r as unknown as contracts.RequestInput)),
  startReview: (id: string, adviserId: string): Promise<void> => call(() => binding.StartReview(id, adviserId)),
  returnForMore: (id: string, missing: string): Promise<void> => call(() => binding.ReturnForMore(id, missing)),
  resubmit: (id: string, terms: Terms, on: string): Promise<void> => call(() => binding.Resubmit(id, terms as contracts.Terms, on)),
  // recordOpinion records the opinion and gives its 合同审查意见书, issued in the same write.
  recordOpinion: async (id: string, o: OpinionInput): Promise<DocFile> =>
    docFile(await call(() => binding.RecordOpinion(id, o as unknown as contracts.OpinionInput))),
  setProcedure: (id: string, p: Procedure): Promise<void> => call(() => binding.SetProcedure(id, p as contracts.Procedure)),
  sign: (id: string, s: SignInput): Promise<void> => call(() => binding.Sign(id, s as contracts.SignInput)),
  abandon: (id: string, reason: string): Promise<void> => call(() => binding.Abandon(id, reason)),
  remove: (id: string): Promise<void> => call(() => binding.Delete(id)),
  documents: async (id: string): Promise<Issued[]> => list(await call(() => binding.Documents(id))) as unknown as Issued[],
  alerts: async (): Promise<Alert[]> => list(await call(() => binding.Alerts())) as unknown as Alert[],
  // printRegister renders the register of a village ('' for all) and year for the print preview; nothing is archived.
  printRegister: async (villageId: string, year: number): Promise<DocFile> => docFile(await call(() => binding.PrintRegister(villageId, year))),
  // exportRegister asks where to save the register's workbook; '' when the officer cancelled.
  exportRegister: async (villageId: string, year: number): Promise<string> => (await call(() => binding.ExportRegister(villageId, year))) ?? '',
}
