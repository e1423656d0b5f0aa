import { EventsOn } from '../../wailsjs/runtime/runtime'

// onEvent listens to a backend event and returns the function that stops listening.
export function onEvent(name: string, fn: (data: unknown) => void): () => void {
  return EventsOn(name, fn)
}
