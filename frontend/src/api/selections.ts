import * as binding from '../../wailsjs/go/app/SelectionService'
import type { selections } from '../../wailsjs/go/models'
import { call } from './call'
import { file as docFile, type DocFile, type Issued } from './docs'
import { pointsApi, type Household } from './points'
import { gridApi, type Resident } from './grid'

// The office's selections (评选表彰): what backend/selections takes and gives. A campaign goes
// through its phases in order (choices.phases: 推荐, 初审, 评议打分, 公示, 审定, 表彰); what can be done
// depends on the phase, and the first three close on their dates.

// The fixed lists of the forms, and how ties are ordered (as the lists and the 公示 state it).
export interface SelectionChoices {
  kinds: string[]
  phases: string[]
  recommenders: string[]
  tieRule: string
}

export interface Village {
  id: string
  name: string
}

export interface CriterionInput {
  name: string
  weight: number
}

export interface Criterion extends CriterionInput {
  id: string
}

// A campaign set up: villageId '' for the whole township; the weights of the criteria sum to 100.
export interface CampaignInput {
  kind: string
  year: number
  title: string
  villageId: string
  quota: number
  basis: string
  criteria: CriterionInput[]
  vetoes: string[]
  minPoints: number
  nominateUntil: string
  reviewUntil: string
  scoreUntil: string
  noticeDays: number
}

export interface Campaign extends Omit<CampaignInput, 'criteria'> {
  id: string
  scope: string
  criteria: Criterion[]
  noticeStart: string
  noticeEnd: string
  phase: string
  decidedOn: string
  personal: boolean
  tieRule: string
  nominations: number
}

export interface NominationInput {
  householdId: string
  residentId: string
  recommender: string
  recommendedBy: string
  deeds: string
}

// A nominee: review is '' until the 初审; removed says why an objection took it off the list.
export interface Nomination extends NominationInput {
  id: string
  name: string
  villageId: string
  place: string
  review: string
  reviewReason: string
  veto: string
  removed: string
}

export interface ReviewInput {
  result: string
  reason: string
  veto: string
}

export interface MemberInput {
  residentId: string
  name: string
  role: string
}

export interface Member extends MemberInput {
  id: string
  householdId: string
}

export interface Recusal {
  memberId: string
  nominationId: string
  reason: string
  auto: boolean
}

// A nominee on the ranked list: the mean score per criterion, the total, the rank (0 out of the
// ranking), whether the quota takes it, and the members who have not scored it yet.
export interface Ranked extends Nomination {
  scores: number[]
  total: number
  rank: number
  selected: boolean
  scorers: number
  missing: string[]
}

export interface Ranking {
  criteria: Criterion[]
  quota: number
  tieRule: string
  members: Member[]
  recusals: Recusal[]
  list: Ranked[]
  complete: boolean
}

// What a 公示 says besides its list ('' start for today).
export interface NoticeInput {
  start: string
  where: string
  how: string
  contact: string
  phone: string
  monitor: string
  issuer: string
  number: string
}

export interface ObjectionInput {
  nominationId: string
  by: string
  receivedOn: string
  content: string
}

export interface Objection extends ObjectionInput {
  id: string
  nominee: string
  verification: string
  result: string
  decidedOn: string
}

// What settling an objection did: removed, and the 公示 posted again (id '' when it was not).
export interface Settled {
  removed: boolean
  reposted: Issued
}

export interface HonourInput {
  issuer: string
  number: string
  date: string
  prefix: string
}

export interface Honoured {
  decision: Issued
  certificates: Issued
  households: number
}

export interface Honour {
  id: string
  householdId: string
  residentId: string
  campaignId: string
  title: string
  year: number
  certificate: string
  awardedOn: string
}

export type { Household, Resident }

const list = <T>(v: T[] | null | undefined): T[] => v ?? []

function campaign(c: selections.Campaign): Campaign {
  return { ...(c as unknown as Campaign), criteria: list(c.criteria) as Criterion[], vetoes: list(c.vetoes) }
}

function ranking(r: selections.Ranking): Ranking {
  return {
    ...(r as unknown as Ranking), criteria: list(r.criteria) as Criterion[], members: list(r.members) as Member[],
    recusals: list(r.recusals) as Recusal[],
    list: list(r.list).map((e) => ({ ...(e as unknown as Ranked), scores: list(e.scores), missing: list(e.missing) })),
  }
}

export const blankNotice = (): NoticeInput => ({ start: '', where: '', how: '', contact: '', phone: '', monitor: '', issuer: '', number: '' })

export const selectionsApi = {
  choices: async (): Promise<SelectionChoices> => {
    const c = await call(() => binding.Choices())
    return { kinds: list(c.kinds), phases: list(c.phases), recommenders: list(c.recommenders), tieRule: c.tieRule }
  },
  villages: async (): Promise<Village[]> => list(await call(() => binding.Villages())).map((v) => ({ id: v.id, name: v.name })),
  // households lists a village's households to nominate; members a household's people (for the kinds of a person).
  households: (villageId: string): Promise<Household[]> => pointsApi.households(villageId),
  members: (householdId: string): Promise<Resident[]> => gridApi.members(householdId),
  // list lists the campaigns of a year (0: all), the latest first.
  list: async (year: number): Promise<Campaign[]> => list(await call(() => binding.List(year))).map(campaign),
  get: async (id: string): Promise<Campaign> => campaign(await call(() => binding.Get(id))),
  create: (c: CampaignInput): Promise<string> => call(() => binding.Create(c as selections.CampaignInput)),
  nominations: async (id: string): Promise<Nomination[]> => list(await call(() => binding.Nominations(id))) as Nomination[],
  nominate: (id: string, n: NominationInput): Promise<string> => call(() => binding.Nominate(id, n as selections.NominationInput)),
  withdraw: (nominationId: string): Promise<void> => call(() => binding.WithdrawNomination(nominationId)),
  closeNominations: (id: string): Promise<void> => call(() => binding.CloseNominations(id)),
  review: (nominationId: string, r: ReviewInput): Promise<void> => call(() => binding.Review(nominationId, r as selections.ReviewInput)),
  addMember: (id: string, m: MemberInput): Promise<string> => call(() => binding.AddMember(id, m as selections.MemberInput)),
  startScoring: (id: string): Promise<void> => call(() => binding.StartScoring(id)),
  declare: (memberId: string, nominationId: string, reason: string): Promise<void> => call(() => binding.Declare(memberId, nominationId, reason)),
  // score records a member's scores of a nominee, criterion id -> score.
  score: (memberId: string, nominationId: string, scores: Record<string, number>): Promise<void> =>
    call(() => binding.Score(memberId, nominationId, scores)),
  // memberScores gives a member's saved scores: nominee id -> criterion id -> score.
  memberScores: async (memberId: string): Promise<Record<string, Record<string, number>>> =>
    (await call(() => binding.MemberScores(memberId))) ?? {},
  rank: async (id: string): Promise<Ranking> => ranking(await call(() => binding.Rank(id))),
  // publish posts the 公示 of the ranked list and gives it as issued.
  publish: async (id: string, n: NoticeInput): Promise<DocFile> => docFile(await call(() => binding.Publish(id, n as selections.NoticeInput))),
  objections: async (id: string): Promise<Objection[]> => list(await call(() => binding.Objections(id))) as Objection[],
  object: (id: string, o: ObjectionInput): Promise<string> => call(() => binding.Object(id, o as selections.ObjectionInput)),
  // settle records an objection's check; a sustained one may post the 公示 again (notice says where and how).
  settle: async (objectionId: string, verification: string, result: string, n: NoticeInput): Promise<Settled> =>
    (await call(() => binding.Settle(objectionId, verification, result, n as selections.NoticeInput))) as unknown as Settled,
  decide: (id: string, on: string): Promise<void> => call(() => binding.Decide(id, on)),
  honour: async (id: string, h: HonourInput): Promise<Honoured> =>
    (await call(() => binding.Honour(id, h as selections.HonourInput))) as unknown as Honoured,
  documents: async (id: string): Promise<Issued[]> => list(await call(() => binding.Documents(id))) as Issued[],
  honours: async (householdId: string): Promise<Honour[]> => list(await call(() => binding.Honours(householdId))) as Honour[],
}
