import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError } from '../api/call'
import type { TreeNode, VillageSummary } from '../api/grid'

const api = vi.hoisted(() => ({
  villages: vi.fn(), villageTree: vi.fn(), createNode: vi.fn(), renameNode: vi.fn(), deleteNode: vi.fn(),
  households: vi.fn(), getHousehold: vi.fn(), createHousehold: vi.fn(), updateHousehold: vi.fn(), deleteHousehold: vi.fn(),
  moveHousehold: vi.fn(), splitNeighbourhood: vi.fn(), mergeNeighbourhoods: vi.fn(),
  members: vi.fn(), getResident: vi.fn(), addResident: vi.fn(), updateResident: vi.fn(), deleteResident: vi.fn(),
  leaders: vi.fn(), assignLeader: vi.fn(), endTerm: vi.fn(), search: vi.fn(),
  recordVisit: vi.fn(), updateVisit: vi.fn(), withdrawVisit: vi.fn(), visits: vi.fn(), cadence: vi.fn(), choices: vi.fn(),
}))
vi.mock('../api/grid', () => ({ gridApi: api }))

import { useGridStore } from './grid'

const village = (id: string, name: string, households = 0): VillageSummary =>
  ({ id, name, kind: 'village', pieces: 1, groups: 1, neighbourhoods: 1, households, residents: 0 })

const node = (id: string, level: TreeNode['level'], name: string, children: TreeNode[] = [], households = 0): TreeNode =>
  ({ id, level, name, households, leader: '', children })

// v1: 一片 → 一组 → 一邻 (n1, 3 households, too few) and 二邻 (n2)
const tree = (households = 3) => node('v1', 'villages', '白毛坪村', [
  node('p1', 'pieces', '一片', [
    node('g1', 'groups', '一组', [
      { ...node('n1', 'neighbourhoods', '一邻', [], households), warning: `只有 ${households} 户，少于 5 户` },
      node('n2', 'neighbourhoods', '二邻', [], 6),
    ]),
  ]),
])

const report = (overdue: number) => ({ today: '2026-11-27', households: 9, due: 2, overdue, byVillage: [], byLeader: [], leadersOverdue: 0, items: [], dueItems: [] })

describe('grid store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    api.villages.mockResolvedValue([village('v1', '白毛坪村', 9), village('v2', '大阳村')])
    api.villageTree.mockImplementation(async (id: string) => (id === 'v1' ? tree() : node(id, 'villages', '大阳村')))
    api.leaders.mockResolvedValue([])
    api.households.mockResolvedValue([{ id: 'h1', code: '0001' }])
    api.members.mockResolvedValue([])
    api.visits.mockResolvedValue([])
  })

  it('loads the villages and selects the first with its tree and leaders', async () => {
    const s = useGridStore()
    await s.loadVillages()
    expect(s.villageId).toBe('v1')
    expect(s.tree?.name).toBe('白毛坪村')
    expect(s.node?.id).toBe('v1')
    expect(api.leaders).toHaveBeenCalledWith('v1')
    expect(s.neighbourhoods.map((n) => n.path.join('/'))).toEqual(['一片/一组/一邻', '一片/一组/二邻'])
  })

  it('keeps the selected village when the villages are read again', async () => {
    const s = useGridStore()
    await s.loadVillages()
    await s.selectVillage('v2')
    await s.loadVillages()
    expect(s.villageId).toBe('v2')
  })

  it('reads the households when a neighbourhood is selected, and none for a group', async () => {
    const s = useGridStore()
    await s.loadVillages()
    await s.selectNode('n1')
    expect(api.households).toHaveBeenCalledWith('n1')
    expect(s.households).toHaveLength(1)
    expect(s.path.map((n) => n.name)).toEqual(['白毛坪村', '一片', '一组', '一邻'])
    await s.selectNode('g1')
    expect(s.households).toEqual([])
    expect(api.households).toHaveBeenCalledTimes(1)
  })

  it('adds a node under the selected one, selects it and reads the tree again', async () => {
    const s = useGridStore()
    await s.loadVillages()
    await s.selectNode('g1')
    api.createNode.mockResolvedValue('n2')
    await s.createChild(s.node!, '二邻')
    expect(api.createNode).toHaveBeenCalledWith({ level: 'neighbourhoods', parentId: 'g1', name: '二邻', kind: '' })
    expect(s.nodeId).toBe('n2')
    expect(api.villageTree).toHaveBeenCalledTimes(2)
    expect(api.households).toHaveBeenCalledWith('n2')
  })

  it('reads counts, tree and households again after a household is added', async () => {
    const s = useGridStore()
    await s.loadVillages()
    await s.selectNode('n1')
    api.createHousehold.mockResolvedValue('h2')
    api.villages.mockResolvedValue([village('v1', '白毛坪村', 10), village('v2', '大阳村')])
    api.villageTree.mockResolvedValue(tree(4))
    api.households.mockResolvedValue([{ id: 'h1' }, { id: 'h2' }])
    await s.createHousehold({ neighbourhoodId: 'n1', code: '', address: '3组', phone: '', tags: [], notes: '' }, { name: '张三', idNumber: '' })
    expect(s.village?.households).toBe(10)
    expect(s.node?.warning).toBe('只有 4 户，少于 5 户')
    expect(s.households).toHaveLength(2)
    expect(api.createHousehold).toHaveBeenCalledWith(expect.objectContaining({ address: '3组' }), { name: '张三', idNumber: '' })
  })

  it('selects the node above a deleted one, and keeps the backend refusal for a non-empty one', async () => {
    const s = useGridStore()
    await s.loadVillages()
    await s.selectNode('n2')
    api.deleteNode.mockRejectedValueOnce(new ApiError('conflict', '这个邻下还有 6 个下级（或户），请先移走或删除它们'))
    await expect(s.deleteNode('neighbourhoods', 'n2')).rejects.toThrow('请先移走或删除它们')
    expect(s.nodeId).toBe('n2')
    api.deleteNode.mockResolvedValueOnce(undefined)
    await s.deleteNode('neighbourhoods', 'n2')
    expect(s.nodeId).toBe('g1')
  })

  it('keeps a field error of a resident for its form, saves nothing, and clears it on the next try', async () => {
    const s = useGridStore()
    await s.loadVillages()
    await s.openHousehold('h1')
    api.addResident.mockRejectedValueOnce(new ApiError('invalid', '身份证号校验位不对，请核对是否抄错', 'idNumber'))
    const input = { householdId: 'h1', name: '李四梅', relation: '配偶', idNumber: '430529198005121235', sex: '', birthDate: '', ethnicity: '', phone: '', partyMember: false, notes: '' }
    await expect(s.saveResident('', input)).rejects.toBeInstanceOf(ApiError)
    expect(s.fieldErrors.resident).toEqual({ idNumber: '身份证号校验位不对，请核对是否抄错' })
    expect(s.fieldErrors.household).toBeUndefined()
    expect(api.members).toHaveBeenCalledTimes(1) // only when the household was opened

    api.addResident.mockResolvedValueOnce('r2')
    expect(await s.saveResident('', { ...input, idNumber: '' })).toBe('r2')
    expect(s.fieldErrors.resident).toBeUndefined()
    expect(api.members).toHaveBeenCalledTimes(2)
  })

  it('clears one field error when that field changes, keeping the others', async () => {
    const s = useGridStore()
    s.fieldErrors.resident = { idNumber: '身份证号校验位不对', name: '姓名不能为空' }
    s.clearFieldError('resident', 'idNumber')
    expect(s.fieldErrors.resident).toEqual({ name: '姓名不能为空' })
    s.clearFieldError('household', 'code') // a form without errors: nothing happens
    expect(s.fieldErrors.household).toBeUndefined()
  })

  it('changes a resident by id', async () => {
    const s = useGridStore()
    await s.loadVillages()
    await s.openHousehold('h1')
    api.updateResident.mockResolvedValue(undefined)
    const input = { householdId: 'h1', name: '张三', relation: '户主', idNumber: '', sex: '', birthDate: '', ethnicity: '', phone: '', partyMember: true, notes: '' }
    expect(await s.saveResident('r1', input)).toBe('r1')
    expect(api.updateResident).toHaveBeenCalledWith('r1', input)
  })

  it('reads the tracker and the visits again after a visit is recorded', async () => {
    const s = useGridStore()
    api.cadence.mockResolvedValueOnce(report(3)).mockResolvedValueOnce(report(2))
    await s.loadCadence('v1')
    expect(api.cadence).toHaveBeenCalledWith('v1', 500)
    await s.openHousehold('h1')
    api.recordVisit.mockResolvedValue('x1')
    await s.recordVisit({ householdId: 'h1', leaderId: '', visitorName: '', date: '2026-11-27', form: '入户', findings: '', followUp: '' })
    expect(api.cadence).toHaveBeenLastCalledWith('v1', 500)
    expect(s.cadence?.overdue).toBe(2)
    expect(api.visits).toHaveBeenCalledTimes(2)
  })

  it('reads the tracker and the visits again after a visit is corrected or withdrawn; a refused correction keeps its error apart', async () => {
    const s = useGridStore()
    api.cadence.mockResolvedValue(report(2))
    await s.loadCadence('v1')
    await s.openHousehold('h1')
    const input = { householdId: 'h1', leaderId: '', visitorName: '王丽', date: '2026-11-26', form: '电话', findings: '已报村委', followUp: '' }
    api.updateVisit.mockResolvedValueOnce(undefined)
    await s.updateVisit('x1', input)
    expect(api.updateVisit).toHaveBeenCalledWith('x1', input)
    api.withdrawVisit.mockResolvedValueOnce(undefined)
    await s.withdrawVisit('x1', '记错了户')
    expect(api.withdrawVisit).toHaveBeenCalledWith('x1', '记错了户')
    expect(api.visits).toHaveBeenCalledTimes(3)
    expect(api.cadence).toHaveBeenCalledTimes(3)
    api.updateVisit.mockRejectedValueOnce(new ApiError('invalid', '请填写走访情况', 'findings'))
    await expect(s.updateVisit('x1', { ...input, findings: '' })).rejects.toBeInstanceOf(ApiError)
    expect(s.fieldErrors.visitEdit).toEqual({ findings: '请填写走访情况' })
    expect(s.fieldErrors.visit).toBeUndefined()
  })

  it('keeps the search field error and only the latest answer', async () => {
    const s = useGridStore()
    api.search.mockRejectedValueOnce(new ApiError('invalid', '按身份证号或电话查找，请至少输入 3 位', 'query'))
    await s.search('43')
    expect(s.fieldErrors.search?.query).toMatch('至少输入 3 位')
    expect(s.hits).toEqual([])

    let release!: (v: unknown) => void
    api.search.mockReturnValueOnce(new Promise((r) => (release = r)))
    api.search.mockResolvedValueOnce([{ residentId: 'r2', name: '张三丰' }])
    const slow = s.search('zs')
    await s.search('zsf')
    release([{ residentId: 'r1', name: '张三' }])
    await slow
    expect(s.hits.map((h) => h.name)).toEqual(['张三丰'])
    expect(s.fieldErrors.search).toBeUndefined()
  })

  it('reads everything again after an import, keeping the selection and the loaded trackers', async () => {
    const s = useGridStore()
    await s.loadVillages()
    await s.selectVillage('v2')
    api.cadence.mockResolvedValue(report(0))
    await s.loadCadence('')
    api.villages.mockResolvedValue([village('v1', '白毛坪村', 12), village('v2', '大阳村', 30)])
    api.villageTree.mockClear()
    await s.reloadAll()
    expect(s.villageId).toBe('v2')
    expect(s.village?.households).toBe(30)
    expect(api.villageTree).toHaveBeenCalledWith('v2')
    expect(api.cadence).toHaveBeenCalledTimes(2)
  })

  it('selects the first village after the first import into an empty registry', async () => {
    const s = useGridStore()
    api.villages.mockResolvedValueOnce([])
    await s.loadVillages()
    expect(s.villageId).toBe('')
    await s.reloadAll()
    expect(s.villageId).toBe('v1')
    expect(s.tree?.name).toBe('白毛坪村')
    expect(api.cadence).not.toHaveBeenCalled()
  })

  it('merges into the selected neighbourhood and gives the warnings', async () => {
    const s = useGridStore()
    await s.loadVillages()
    await s.selectNode('n1')
    api.mergeNeighbourhoods.mockResolvedValue(['一邻有 16 户，多于 15 户'])
    expect(await s.mergeInto('n2')).toEqual(['一邻有 16 户，多于 15 户'])
    expect(api.mergeNeighbourhoods).toHaveBeenCalledWith('n1', 'n2')
    expect(api.leaders).toHaveBeenCalledTimes(2)
  })
})
