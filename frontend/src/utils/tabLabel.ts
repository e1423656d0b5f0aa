import { h } from 'vue'

// tabLabel is a drawer tab's title carrying a test id (naive-ui's tab attribute takes a render
// function, and the tests click the tab by its id).
export const tabLabel = (text: string, test: string) => () => h('span', { 'data-test': test }, text)
