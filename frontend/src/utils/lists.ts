// preferFirst returns list with the items of first that it holds moved to the front, in the order
// of first; the others keep their order.
export function preferFirst(list: string[], first: string[]): string[] {
  const front = first.filter((x) => list.includes(x))
  return [...front, ...list.filter((x) => !front.includes(x))]
}
