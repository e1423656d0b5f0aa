// debounce returns fn delayed until ms have passed without another call; cancel() drops a pending call.
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const run = (...args: A) => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      fn(...args)
    }, ms)
  }
  run.cancel = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }
  return run
}
