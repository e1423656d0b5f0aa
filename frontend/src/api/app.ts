import * as binding from '../../wailsjs/go/app/AppService'
import { call } from './call'

export interface AppStatus {
  ok: boolean
  error?: { code: string; message: string; field?: string }
  version: string
  dbPath: string
}

export const appApi = {
  status: (): Promise<AppStatus> => call(() => binding.Status()),
  ready: (): Promise<void> => call(() => binding.Ready()),
}
