// Walking a village's tree (village, pieces, groups, neighbourhoods) as the grid screens need it.
import type { Level, TreeNode } from '../api/grid'

export const levels: Level[] = ['villages', 'pieces', 'groups', 'neighbourhoods']

// childLevel is the level below l, or null under a neighbourhood (households live there).
export function childLevel(l: Level): Level | null {
  const i = levels.indexOf(l)
  return i >= 0 && i < levels.length - 1 ? levels[i + 1] : null
}

// findPath returns the nodes from the root down to the node with id, or [] when it is not in the tree.
export function findPath(root: TreeNode, id: string): TreeNode[] {
  if (root.id === id) return [root]
  for (const c of root.children ?? []) {
    const p = findPath(c, id)
    if (p.length) return [root, ...p]
  }
  return []
}

// findNode returns the node with id, or null.
export function findNode(root: TreeNode, id: string): TreeNode | null {
  const p = findPath(root, id)
  return p.length ? p[p.length - 1] : null
}

// NeighbourhoodOption is a neighbourhood with the names above it, for choosing one in a select.
export interface NeighbourhoodOption {
  id: string
  name: string
  path: string[] // piece, group, neighbourhood names
  households: number
  warning?: string
}

// neighbourhoodsOf lists every neighbourhood of a village in tree order.
export function neighbourhoodsOf(root: TreeNode): NeighbourhoodOption[] {
  const out: NeighbourhoodOption[] = []
  const walk = (n: TreeNode, path: string[]) => {
    if (n.level === 'neighbourhoods') {
      out.push({ id: n.id, name: n.name, path: [...path, n.name], households: n.households, warning: n.warning || undefined })
      return
    }
    for (const c of n.children ?? []) walk(c, n.level === 'villages' ? [] : [...path, n.name])
  }
  walk(root, [])
  return out
}

// nodesOfLevel lists the nodes of one level with their path below the village, in tree order.
export function nodesOfLevel(root: TreeNode, level: Level): { id: string; path: string[] }[] {
  const out: { id: string; path: string[] }[] = []
  const walk = (n: TreeNode, path: string[]) => {
    const here = n.level === 'villages' ? path : [...path, n.name]
    if (n.level === level) {
      out.push({ id: n.id, path: n.level === 'villages' ? [n.name] : here })
      return
    }
    for (const c of n.children ?? []) walk(c, here)
  }
  walk(root, [])
  return out
}

// ancestorIds are the ids of the nodes above id, for keeping a selected node's branch open.
export function ancestorIds(root: TreeNode, id: string): string[] {
  return findPath(root, id).slice(0, -1).map((n) => n.id)
}

type Translate = (key: string, values?: Record<string, unknown>) => string

// neighbourhoodSelectOptions turns the neighbourhoods of a village, but the one left out, into select
// options labelled with their piece, group and household count (grid.tree.option).
export function neighbourhoodSelectOptions(list: NeighbourhoodOption[], t: Translate, leaveOut = '') {
  return list
    .filter((n) => n.id !== leaveOut)
    .map((n) => ({ value: n.id, label: t('grid.tree.option', { path: n.path.join(' / '), n: n.households }) }))
}
