import { ref, watch, type Ref } from 'vue'

// afterPaint resolves once what is in the page now has been drawn on the screen: in the task after
// the next frame's paint (requestAnimationFrame runs just before that paint).
export const afterPaint = () => new Promise<void>((drawn) => requestAnimationFrame(() => setTimeout(drawn)))

// useAfterPaint is false until ready() has been true on a painted screen, then true for good: a part
// below the fold (a long list under the figures) is mounted then, so the top of the screen shows
// without waiting for it. The part still comes before an officer can scroll to it.
export function useAfterPaint(ready: () => boolean): Ref<boolean> {
  const painted = ref(false)
  let asked = false
  watch(ready, (now) => {
    if (!now || asked) return
    asked = true
    afterPaint().then(() => (painted.value = true))
  }, { immediate: true, flush: 'post' })
  return painted
}
