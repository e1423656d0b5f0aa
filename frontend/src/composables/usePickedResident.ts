import { ref, type Ref } from 'vue'
import type { Hit } from '../api/grid'

// usePickedResident is a person of a form either picked from the registry (their id and name go into
// the form, the name no longer typed) or typed by name: who is invited to a meeting, who sits on a
// panel. clear forgets the pick when the form opens again.
export function usePickedResident<T extends { residentId: string; name: string }>(form: Ref<T>) {
  const picked = ref<Hit | null>(null)
  function pick(hit: Hit) {
    picked.value = hit
    form.value = { ...form.value, residentId: hit.residentId, name: hit.name }
  }
  function unpick() {
    picked.value = null
    form.value = { ...form.value, residentId: '', name: '' }
  }
  return { picked, pick, unpick, clear: () => { picked.value = null } }
}
