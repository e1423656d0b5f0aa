import type { InjectionKey } from 'vue'
import type { DocFile } from '../../api/docs'

// How the parts of a request's page show a paper in the print preview (ContractPaper): an opinion
// issued for it, by id, or a file at hand (the opinion just issued).
export interface PaperViewer {
  issued: (id: string) => Promise<void>
  file: (f: DocFile) => void
}

export const paperKey: InjectionKey<PaperViewer> = Symbol('contract-paper')
