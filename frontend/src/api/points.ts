import * as binding from '../../wailsjs/go/app/PointService'
import type { points } from '../../wailsjs/go/models'
import { call } from './call'
import { file as docFile, type DocFile, type Issued } from './docs'
import { isoDay } from '../utils/format'

// The villages' merit shops (道德超市): what backend/points takes and gives. Points are whole numbers;
// an entry's points are signed (a deduction or a redemption is negative), an account's deducted and
// redeemed are positive.

// The fixed lists of the forms: the rules' categories (志愿服务, 环境卫生, …) and the kinds of entry in
// their order — earned (获得), deducted (扣分), redeemed (兑换).
export interface PointChoices {
  categories: string[]
  kinds: string[]
}

export interface Village {
  id: string
  name: string
}

// A household as the ledger names it: its head (户主, '' when none is registered), code (户编号) and
// place (第一组第二邻).
export interface Household {
  id: string
  code: string
  head: string
  villageId: string
  villageName: string
  group: string
  place: string
}

// A rule by which a household earns points: points per unit (5 a 半天); villageId '' for every village.
export interface RuleInput {
  villageId: string
  activity: string
  category: string
  points: number
  unit: string
  active: boolean
}

export interface Rule extends RuleInput {
  id: string
}

// An article of a village's shop: its price in points and the stock left.
export interface GoodsInput {
  villageId: string
  name: string
  unit: string
  price: number
  stock: number
}

export interface Goods extends GoodsInput {
  id: string
}

// A line of a household's ledger: points signed; withdrawn is the reason it was taken back ('' while
// it counts).
export interface Entry {
  id: string
  on: string
  kind: string
  activity: string
  quantity: number
  unit: string // the rule's (半天) or the goods' (袋)
  points: number
  reason: string
  approver: string
  operator: string // who recorded it (经办人)
  withdrawn: string
  withdrawnBy?: string // who took it back
}

// A household's points; entries the latest first (withdrawn ones too), none in the list of balances.
export interface Account {
  household: Household
  earned: number
  deducted: number
  redeemed: number
  balance: number
  entries: Entry[]
}

// Each entry takes a day ('' for today, never after it) and who approved it.
export interface EarnInput {
  householdId: string
  ruleId: string
  on: string
  quantity: number
  approver: string
  note: string
}

export interface DeductInput {
  householdId: string
  points: number
  on: string
  reason: string
  approver: string
}

export interface RedeemInput {
  householdId: string
  goodsId: string
  quantity: number
  on: string
  approver: string
}

// What a monthly 公示 says besides the points: from when ('' for today) and for how many working days
// (5 when 0), where and how to object ('' for the village's 村务公开栏 and the usual words), whom to ask.
export interface NoticeInput {
  start: string
  days: number
  where: string
  how: string
  contact: string
  phone: string
  issuer: string
}

const list = <T>(v: T[] | null | undefined): T[] => v ?? []

// account reads an account as the backend gives it, never with a null list.
export function account(a: points.Account): Account {
  return { ...(a as unknown as Account), entries: list(a.entries) as Entry[] }
}

// lastMonth is the month before the one of day (ISO): 2026-11 on 2026-12-05.
export function lastMonth(day = isoDay()): string {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))]
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

export const blankRule = (villageId = ''): RuleInput => ({ villageId, activity: '', category: '', points: 1, unit: '', active: true })
export const blankGoods = (villageId: string): GoodsInput => ({ villageId, name: '', unit: '', price: 1, stock: 0 })
export const blankNotice = (): NoticeInput => ({ start: '', days: 5, where: '', how: '', contact: '', phone: '', issuer: '' })

export const pointsApi = {
  choices: async (): Promise<PointChoices> => {
    const c = await call(() => binding.Choices())
    return { categories: list(c.categories), kinds: list(c.kinds) }
  },
  villages: async (): Promise<Village[]> => list(await call(() => binding.Villages())).map((v) => ({ id: v.id, name: v.name })),
  // rules lists the rules that apply in a village (its own and every village's), active ones first.
  rules: async (villageId: string): Promise<Rule[]> => list(await call(() => binding.Rules(villageId))) as Rule[],
  addRule: (r: RuleInput): Promise<string> => call(() => binding.AddRule(r as points.RuleInput)),
  updateRule: (id: string, r: RuleInput): Promise<void> => call(() => binding.UpdateRule(id, r as points.RuleInput)),
  goods: async (villageId: string): Promise<Goods[]> => list(await call(() => binding.Goods(villageId))) as Goods[],
  addGoods: (g: GoodsInput): Promise<string> => call(() => binding.AddGoods(g as points.GoodsInput)),
  // restock adds n to an article's stock, inside the write (a redemption meanwhile is kept).
  restock: (id: string, n: number): Promise<void> => call(() => binding.Restock(id, n)),
  // notices lists the village's points 公示 issued, oldest first.
  notices: async (villageId: string): Promise<Issued[]> => list(await call(() => binding.Notices(villageId))) as Issued[],
  // updateGoods changes an article's name, unit, price or stock (its village stays).
  updateGoods: (id: string, g: GoodsInput): Promise<void> => call(() => binding.UpdateGoods(id, g as points.GoodsInput)),
  // balances lists the village's households that have any entry, with their totals (no entries).
  balances: async (villageId: string): Promise<Account[]> => list(await call(() => binding.Balances(villageId))).map(account),
  // households lists every household of a village, to credit one that has no points yet.
  households: async (villageId: string): Promise<Household[]> => list(await call(() => binding.Households(villageId))) as Household[],
  account: async (householdId: string): Promise<Account> => account(await call(() => binding.Account(householdId))),
  earn: (e: EarnInput): Promise<string> => call(() => binding.Earn(e as points.EarnInput)),
  deduct: (d: DeductInput): Promise<string> => call(() => binding.Deduct(d as points.DeductInput)),
  redeem: (r: RedeemInput): Promise<string> => call(() => binding.Redeem(r as points.RedeemInput)),
  // withdraw takes back an entry made by mistake, with the reason (a redemption's goods go back to stock).
  withdraw: (entryId: string, reason: string): Promise<void> => call(() => binding.Withdraw(entryId, reason)),
  // draftNotice renders a village's 公示 of a month (2026-11) for the preview; nothing is archived.
  draftNotice: async (villageId: string, month: string, n: NoticeInput): Promise<DocFile> =>
    docFile(await call(() => binding.DraftNotice(villageId, month, n as points.NoticeInput))),
  // issueNotice issues and archives it, and gives it as issued.
  issueNotice: async (villageId: string, month: string, n: NoticeInput): Promise<DocFile> =>
    docFile(await call(() => binding.IssueNotice(villageId, month, n as points.NoticeInput))),
}
