import { canTransition, type TransitionTable } from '../../kernel/state-machine.ts'
import type { ProducerStatus } from '../producers/tables.ts'

/** Where a producer may go from each status of the selection pipeline (ENDED is final). */
export const PIPELINE: TransitionTable<ProducerStatus> = {
  APPLICANT: ['EVALUATING', 'ENDED'],
  EVALUATING: ['SELECTED', 'ENDED'],
  SELECTED: ['ACTIVE', 'ENDED'],
  ACTIVE: ['PAUSED', 'ENDED'],
  PAUSED: ['ACTIVE', 'ENDED'],
  ENDED: [],
}

export const PIPELINE_STATUSES: readonly ProducerStatus[] = ['APPLICANT', 'EVALUATING', 'SELECTED', 'ACTIVE', 'PAUSED', 'ENDED']

/** Names the team uses (back office, French). */
export const STATUS_LABELS: Record<ProducerStatus, string> = {
  APPLICANT: 'Candidature',
  EVALUATING: 'En évaluation',
  SELECTED: 'Sélectionné',
  ACTIVE: 'Actif',
  PAUSED: 'En pause',
  ENDED: 'Terminé',
}

export const isProducerStatus = (s: string): s is ProducerStatus => (PIPELINE_STATUSES as readonly string[]).includes(s)

export const pipelineMove = (from: ProducerStatus, to: ProducerStatus) => canTransition(PIPELINE, from, to)
