// How the ledger shows an entry: its kind's colour, and points with their sign (+10, −20).

export interface Kinds { earn: string; deduct: string; redeem: string }

// kindType is the tag colour of a kind of entry: earned green, deducted red, redeemed blue.
export const kindType = (kinds: Kinds, kind: string) => (kind === kinds.earn ? 'success' : kind === kinds.deduct ? 'error' : 'info')

// signed writes points with their sign, the minus sign a typographic one.
export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : '0')
