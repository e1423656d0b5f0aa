import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'

// TextSizes are the text sizes an officer can choose, as multiples of the standard size.
export const TEXT_SIZES = { small: 0.9, standard: 1, large: 1.15, xlarge: 1.3 } as const
export type TextSize = keyof typeof TEXT_SIZES

const KEY = 'xiangzhi.textSize'

// The display settings of this computer (not of the office's data): the text size, applied to every
// screen at once — Naive UI's sizes through the theme, the app's own through --text-scale.
export const useUiStore = defineStore('ui', () => {
  const saved = localStorage.getItem(KEY)
  const textSize = ref<TextSize>(saved && saved in TEXT_SIZES ? (saved as TextSize) : 'standard')
  const scale = computed(() => TEXT_SIZES[textSize.value])
  watch(textSize, (s) => localStorage.setItem(KEY, s))
  watch(scale, (s) => document.documentElement.style.setProperty('--text-scale', String(s)), { immediate: true })
  return { textSize, scale }
})
