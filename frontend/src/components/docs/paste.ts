// Reading rows copied from a spreadsheet (Excel, WPS): tab-separated cells, one row a line, a cell
// holding a line break, tab or quote written in double quotes with its quotes doubled.

// parseTsv splits copied text into rows of cells; empty lines are dropped.
export function parseTsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let i = 0
  const s = text.replace(/\r\n?/g, '\n')
  const endRow = () => {
    row.push(cell)
    if (row.some((c) => c.trim() !== '')) rows.push(row.map((c) => c.trim()))
    row = []
    cell = ''
  }
  while (i < s.length) {
    const ch = s[i]
    if (ch === '"' && cell === '') {
      // a quoted cell: up to the quote that is not doubled
      let j = i + 1
      let quoted = ''
      while (j < s.length) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            quoted += '"'
            j += 2
            continue
          }
          break
        }
        quoted += s[j++]
      }
      if (j < s.length && (j + 1 === s.length || s[j + 1] === '\t' || s[j + 1] === '\n')) {
        cell = quoted
        i = j + 1
        continue
      }
      // not a well-formed quoted cell: the quote is an ordinary character
    }
    if (ch === '\t') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n') {
      endRow()
    } else {
      cell += ch
    }
    i++
  }
  if (cell !== '' || row.length) endRow()
  return rows
}
