// readAll reads every item a paged backend list holds, a page of 500 at a time, up to max: what a
// list's export and print need when the backend pages it (the archive, the audit log).
export async function readAll<T>(page: (offset: number, limit: number) => Promise<{ items: T[]; total: number }>, max: number): Promise<T[]> {
  const all: T[] = []
  for (;;) {
    const p = await page(all.length, 500)
    all.push(...p.items)
    if (!p.items.length || all.length >= Math.min(p.total, max)) return all.slice(0, max)
  }
}
