import type { Level } from '../../api/grid'

// The leadership roles in the order officers think of them, and the level each one leads.
export const roleOrder = ['committee_member', 'piece_leader', 'group_leader', 'neighbourhood_leader', 'legal_adviser'] as const
export type Role = (typeof roleOrder)[number]

export const roleLevel: Record<Role, Level> = {
  committee_member: 'villages',
  piece_leader: 'pieces',
  group_leader: 'groups',
  neighbourhood_leader: 'neighbourhoods',
  legal_adviser: 'villages',
}

// roleForLevel is the leader role of a piece, group or neighbourhood (committee member for a village).
export function roleForLevel(level: Level): Role {
  return roleOrder.find((r) => roleLevel[r] === level) ?? 'committee_member'
}
