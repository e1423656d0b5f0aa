import { describe, expect, it } from 'vitest'
import type { TreeNode } from '../api/grid'
import { ancestorIds, childLevel, findNode, findPath, neighbourhoodSelectOptions, neighbourhoodsOf, nodesOfLevel } from './gridTree'

const n = (id: string, level: TreeNode['level'], children: TreeNode[] = [], households = 0): TreeNode =>
  ({ id, level, name: id.toUpperCase(), households, leader: '', children })

const root = n('v', 'villages', [
  n('p1', 'pieces', [n('g1', 'groups', [n('a', 'neighbourhoods', [], 3), n('b', 'neighbourhoods', [], 8)])]),
  n('p2', 'pieces', [n('g2', 'groups')]),
])

describe('gridTree', () => {
  it('knows the level below', () => {
    expect(childLevel('villages')).toBe('pieces')
    expect(childLevel('groups')).toBe('neighbourhoods')
    expect(childLevel('neighbourhoods')).toBeNull()
  })

  it('finds a node and the path to it', () => {
    expect(findPath(root, 'b').map((x) => x.id)).toEqual(['v', 'p1', 'g1', 'b'])
    expect(findNode(root, 'g2')?.level).toBe('groups')
    expect(findNode(root, 'nope')).toBeNull()
    expect(ancestorIds(root, 'a')).toEqual(['v', 'p1', 'g1'])
  })

  it('lists the neighbourhoods with their piece and group', () => {
    expect(neighbourhoodsOf(root)).toEqual([
      { id: 'a', name: 'A', path: ['P1', 'G1', 'A'], households: 3, warning: undefined },
      { id: 'b', name: 'B', path: ['P1', 'G1', 'B'], households: 8, warning: undefined },
    ])
    expect(nodesOfLevel(root, 'groups')).toEqual([{ id: 'g1', path: ['P1', 'G1'] }, { id: 'g2', path: ['P2', 'G2'] }])
    expect(nodesOfLevel(root, 'villages')).toEqual([{ id: 'v', path: ['V'] }])
  })

  it('offers the other neighbourhoods in a select', () => {
    const t = (k: string, v?: Record<string, unknown>) => `${k}:${v?.path}:${v?.n}`
    expect(neighbourhoodSelectOptions(neighbourhoodsOf(root), t, 'a')).toEqual([{ value: 'b', label: 'grid.tree.option:P1 / G1 / B:8' }])
  })
})
