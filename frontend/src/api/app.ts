import * as binding from '../../wailsjs/go/app/AppService'
import { call } from './call'

export interface AppStatus {
  ok: boolean
  error?: { code: string; message: string; field?: string }
  version: string
  dbPath: string
  isBackup?: boolean // started on one of the program's backups, which is not opened: it can be copied out
}

// OpeningState is what the opening of the database is doing while the window waits for it.
export interface OpeningState {
  upgrading: boolean // an older file being checked, backed up and upgraded from schema version from to to
  from: number
  to: number
}

export const appApi = {
  status: (): Promise<AppStatus> => call(() => binding.Status()),
  // opening answers at once, while status waits for the opening to end.
  opening: (): Promise<OpeningState> => call(() => binding.Opening()),
  ready: (): Promise<void> => call(() => binding.Ready()),
  // restoreCopy copies the backup out to a file the officer chooses and starts again on it; '' when cancelled.
  restoreCopy: (): Promise<string> => call(() => binding.RestoreCopy()),
  // quit closes the program, as closing its window does.
  quit: (): Promise<void> => call(() => binding.Quit()),
}
