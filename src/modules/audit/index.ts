// The audit log of staff actions: who did what, when, on which record, before and after.
// Bottom tier: any module or flow may record into it, in the transaction of the change.
export { recordAudit, changedFields, type AuditEntry } from './record-audit.ts'
/** The log, newest first, filtered (the back-office page). */
export { listAuditLog, auditFilterSchema, AUDIT_PAGE_SIZE, type AuditFilter, type AuditRow } from './list-audit-log.ts'
/** One record's entries, newest first (the order desk's history; a double submit's first effect). */
export { listEntityAudit } from './list-entity-audit.ts'
