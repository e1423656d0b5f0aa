import { ref, watch, type Ref } from 'vue'

// useAfterPaint is false until ready() has been true on a painted screen, then true for good: a part
// below the fold (a long list under the figures) is mounted then, so the top of the screen shows
// without waiting for it. The part still comes before an officer can scroll to it.
export function useAfterPaint(ready: () => boolean): Ref<boolean> {
  const painted = ref(false)
  let asked = false
  watch(ready, (now) => {
    if (!now || asked) return
    asked = true
    requestAnimationFrame(() => setTimeout(() => (painted.value = true)))
  }, { immediate: true, flush: 'post' })
  return painted
}
