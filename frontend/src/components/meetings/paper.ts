import type { InjectionKey } from 'vue'
import type { DocFile } from '../../api/docs'

// How the parts of a meeting's page show a paper in the print preview (PaperDrawer): a document
// issued for it, by id, or a file at hand (a draft of the minutes).
export interface PaperViewer {
  issued: (id: string) => Promise<void>
  file: (f: DocFile) => void
}

export const paperKey: InjectionKey<PaperViewer> = Symbol('meeting-paper')
