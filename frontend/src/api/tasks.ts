import * as binding from '../../wailsjs/go/app/TaskService'
import { call } from './call'
import { onEvent } from './events'

// A report of a long task (a roster import, a bundle merge): done of total in the named stage.
export interface TaskProgress {
  task: string
  stage: string
  done: number
  total: number
}

export const tasksApi = {
  // cancel asks the running task to stop; the task then fails with nothing written.
  cancel: (task: string): Promise<boolean> => call(() => binding.Cancel(task)),
  // onProgress calls fn with every report of the named task and returns the function that stops.
  onProgress: (task: string, fn: (p: TaskProgress) => void): (() => void) =>
    onEvent('task:progress', (data) => {
      const p = data as TaskProgress
      if (p.task === task) fn(p)
    }),
}
