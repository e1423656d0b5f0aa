import * as binding from '../../wailsjs/go/app/AppService'
import { call } from './call'

export interface AppStatus {
  ok: boolean
  error?: { code: string; message: string; field?: string }
  version: string
  dbPath: string
  isBackup?: boolean // started on one of the program's backups, which is not opened: it can be copied out
}

export const appApi = {
  status: (): Promise<AppStatus> => call(() => binding.Status()),
  ready: (): Promise<void> => call(() => binding.Ready()),
  // restoreCopy copies the backup out to a file the officer chooses and starts again on it; '' when cancelled.
  restoreCopy: (): Promise<string> => call(() => binding.RestoreCopy()),
}
