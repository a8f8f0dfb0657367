// Public API of the sourcing module: producer applications, the scoring grid, the selection
// pipeline and dated agreements (PRODUCT.md C). Tables: tables.ts (producers rows are shared
// with the producers module, which owns their public reads).

/** The public application form: producer APPLICANT + application + files + event + e-mail. */
export { submitApplication, APPLICATION_RATE, type SubmitApplicationInput, type SubmitApplicationResult } from './submit-application.ts'
export { ApplicationFields, type ApplicationErrorCode } from './application-input.ts'
/** Photos and PDFs attached after submitting (signed link of the thanks page), ≤ 8, within 24 h. */
export { addApplicationFile, listApplicantFiles, FILES_WINDOW_HOURS, type AddFileResult } from './add-application-file.ts'
export { MAX_FILES, MAX_FILE_BYTES, readStoredDocument, sniffFile, type IncomingFile } from './application-files.ts'
/** Product lines offered as checkboxes on the form (those of active producers). */
export { listProductLines } from './list-product-lines.ts'
/** The back office's pipeline list and one producer's detail. */
export { listApplications, ListApplicationsInput, type PipelineList, type PipelineRow } from './list-applications.ts'
export { getApplication, getProducerFile, type ApplicationDetail } from './get-application.ts'
/** Writes of the team (audited): scores, notes, pipeline moves, agreements. */
export { scoreProducer, ScoreProducerInput } from './score-producer.ts'
export { addPipelineNote, AddPipelineNoteInput } from './add-pipeline-note.ts'
export { moveProducer, MoveProducerInput } from './move-producer.ts'
export { addAgreement, AddAgreementInput } from './add-agreement.ts'
/** Pure rules: pipeline transitions, legal payment terms, SIREN, weighted score. */
export { PIPELINE, PIPELINE_STATUSES, STATUS_LABELS, isProducerStatus } from './pipeline.ts'
export { checkAgreementTerms, checkValidFrom, defaultTerms, TERMS_LABELS, type GoodsKind } from './agreement-rules.ts'
export { isValidSiren } from './siren.ts'
export { weightedTotal } from './scoring.ts'
