import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import {
  pointsApi, type Account, type Goods, type Household, type PointChoices, type Rule, type Village,
} from '../api/points'

const VILLAGE_KEY = 'xiangzhi.points.village'

// The 道德超市 screen's state. The shop is a village's: the village chosen (remembered on this
// computer), its households with points and their balances, the rules that apply in it, its goods and
// its households to credit; and the household whose account is open in the drawer. A list is read when
// its tab first needs it and again after a write that may change it; reads for a village chosen before
// are dropped. The approver typed last is offered again.
export const usePointsStore = defineStore('points', () => {
  const choices = ref<PointChoices>({ categories: [], kinds: [] })
  const villages = ref<Village[]>([])
  const villageId = ref(localStorage.getItem(VILLAGE_KEY) ?? '')
  const balances = ref<Account[]>([])
  const loading = ref(false)
  const rules = ref<Rule[] | null>(null)
  const goods = ref<Goods[] | null>(null)
  const households = ref<Household[] | null>(null)
  const current = ref<Account | null>(null)
  const approver = ref('')

  watch(villageId, (id) => (id ? localStorage.setItem(VILLAGE_KEY, id) : localStorage.removeItem(VILLAGE_KEY)))
  const village = computed(() => villages.value.find((v) => v.id === villageId.value) ?? null)

  // The kinds of entry by what they mean (the backend names them; choices.kinds keeps their order).
  const kinds = computed(() => {
    const k = choices.value.kinds
    return { earn: k[0] ?? '', deduct: k[1] ?? '', redeem: k[2] ?? '' }
  })

  async function loadChoices() {
    if (!choices.value.kinds.length) choices.value = await pointsApi.choices()
  }

  // loadVillages reads the villages and keeps the one chosen before while it is there, else the first.
  async function loadVillages() {
    villages.value = await pointsApi.villages()
    if (!villages.value.some((v) => v.id === villageId.value)) villageId.value = villages.value[0]?.id ?? ''
  }

  // read runs a read for the village chosen now and keeps what it gives only if that village is
  // still the chosen one (and, for the balances, only the latest read).
  async function read<T>(fetch: (id: string) => Promise<T>, keep: (v: T) => void) {
    const id = villageId.value
    if (!id) return
    const v = await fetch(id)
    if (id === villageId.value) keep(v)
  }

  let generation = 0
  async function loadBalances() {
    const mine = ++generation
    loading.value = true
    try {
      await read(pointsApi.balances, (v) => {
        if (mine === generation) balances.value = v
      })
    } finally {
      if (mine === generation) loading.value = false
    }
  }
  const loadRules = () => read(pointsApi.rules, (v) => (rules.value = v))
  const loadGoods = () => read(pointsApi.goods, (v) => (goods.value = v))
  const loadHouseholds = () => read(pointsApi.households, (v) => (households.value = v))

  // setVillage chooses another village: what was read of the last one goes, and its balances are read
  // (the other lists when their tab asks again).
  async function setVillage(id: string) {
    if (id === villageId.value) return
    villageId.value = id
    balances.value = []
    rules.value = goods.value = households.value = null
    current.value = null
    await loadBalances()
  }

  // open reads a household's account into the drawer.
  async function open(householdId: string) {
    current.value = await pointsApi.account(householdId)
  }

  async function refresh() {
    if (current.value) await open(current.value.household.id)
  }

  // others reads again what an entry may have changed beside the open account: the balances, and
  // the goods once read (a redemption takes stock). A failed read does not hide that the write was done.
  const others = () => Promise.all([
    loadBalances().catch(() => undefined),
    goods.value ? loadGoods().catch(() => undefined) : undefined,
  ])

  // change runs a write on the open account (or any household's), then reads the account and the rest again.
  async function change<T>(write: () => Promise<T>): Promise<T> {
    const r = await write()
    await Promise.all([refresh().catch(() => undefined), others()])
    return r
  }

  // changedElsewhere reads again whatever is shown, when the backend says points changed.
  async function changedElsewhere() {
    await Promise.all([
      refresh().catch(() => undefined),
      others(),
      rules.value ? loadRules().catch(() => undefined) : undefined,
    ])
  }

  return {
    choices, villages, villageId, village, balances, loading, rules, goods, households, current, approver, kinds,
    loadChoices, loadVillages, loadBalances, loadRules, loadGoods, loadHouseholds, setVillage, open, refresh, change, changedElsewhere,
  }
})
