import { defineStore } from 'pinia'
import { ref } from 'vue'
import { attachmentsApi, type Added, type Attachment, type AttachmentLimits, type Owner } from '../api/attachments'

// The attachments of the record open in a drawer (a 民情 case): the list, then the thumbnails of its
// photos one after another (each is a photo decoded and scaled in Go: one at a time leaves the window
// and the other work room), a thumbnail that cannot be made noted as failed. A newer record's load
// wins over an older one still running.
export const useAttachmentsStore = defineStore('attachments', () => {
  const owner = ref<Owner | null>(null)
  const items = ref<Attachment[]>([])
  const thumbs = ref<Record<string, string>>({}) // by attachment id: a data URL, or '' when it failed
  const limits = ref<AttachmentLimits | null>(null)
  const loading = ref(false)
  let generation = 0

  async function loadLimits() {
    if (!limits.value) limits.value = await attachmentsApi.limits()
  }

  // load reads the attachments of o and then their thumbnails.
  async function load(o: Owner) {
    const mine = ++generation
    if (owner.value?.table !== o.table || owner.value?.id !== o.id) {
      owner.value = o
      items.value = []
      thumbs.value = {}
    }
    loading.value = true
    try {
      const list = await attachmentsApi.list(o)
      if (mine !== generation) return
      items.value = list
    } finally {
      if (mine === generation) loading.value = false
    }
    for (const a of items.value) {
      if (!a.thumb || a.id in thumbs.value) continue
      let url = ''
      try {
        url = await attachmentsApi.thumbnail(a.id)
      } catch {
        url = '' // shown as a plain icon; 查看 says why
      }
      if (mine !== generation) return
      thumbs.value = { ...thumbs.value, [a.id]: url }
    }
  }

  // add asks for files and attaches them to the current record (see attachmentsApi.add), then lists
  // the record again when any was attached.
  async function add(): Promise<Added> {
    const o = owner.value
    if (!o) return { added: [], refused: [] }
    const r = await attachmentsApi.add(o)
    if (r.added.length) await load(o)
    return r
  }

  async function remove(id: string) {
    await attachmentsApi.remove(id)
    if (owner.value) await load(owner.value)
  }

  async function restore(id: string) {
    await attachmentsApi.restore(id)
    if (owner.value) await load(owner.value)
  }

  const saveAs = (id: string) => attachmentsApi.saveAs(id)
  const openExternal = (id: string) => attachmentsApi.openExternal(id)

  return { owner, items, thumbs, limits, loading, loadLimits, load, add, remove, restore, saveAs, openExternal }
})
