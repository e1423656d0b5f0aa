// The colour of a risk level by its place among the levels (高, 中, 低: highest first).
export const levelType = (levels: string[], level: string) =>
  (['error', 'warning', 'info'] as const)[Math.min(Math.max(levels.indexOf(level), 0), 2)]

// The colour of a conclusion by its place (同意签订, 修改后签订, 不同意签订).
export const conclusionType = (conclusions: string[], c: string) =>
  (['success', 'warning', 'error'] as const)[Math.min(Math.max(conclusions.indexOf(c), 0), 2)]
