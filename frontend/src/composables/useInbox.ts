import { onMounted, ref, type Ref } from 'vue'
import { useMessage } from 'naive-ui'

// useInbox is the script every inbox of the 数据交换 screen shares: its items, read when it mounts
// (a failed read is said), and settle(), which runs a person's choice on one item — key marks that
// item's buttons busy — says done when given, and reads the items again unless told not to (a card
// whose change makes the screen read every inbox anew). A refusal is said longer; settle returns
// whether the choice went through.
export function useInbox<T>(read: () => Promise<T[]>) {
  const message = useMessage()
  const items = ref<T[]>([]) as Ref<T[]>
  const busy = ref('')

  async function load() {
    try {
      items.value = await read()
    } catch (e) {
      message.error((e as Error).message)
    }
  }

  async function settle(key: string, act: () => Promise<unknown>, done = '', reload = true): Promise<boolean> {
    busy.value = key
    try {
      await act()
      if (done) message.success(done)
      if (reload) await load()
      return true
    } catch (e) {
      message.error((e as Error).message, { duration: 6000 })
      return false
    } finally {
      busy.value = ''
    }
  }

  onMounted(load)
  return { items, busy, load, settle }
}
