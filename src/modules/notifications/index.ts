// Public API of the notifications module: e-mails through an outbox table and a durable job.
// Other modules queue e-mails in their own transaction; the job renders (fr/en) and sends them.

/** Queues a templated e-mail in the caller's transaction; deduplicated by `dedupeKey`. */
export { queueEmail, SEND_EMAIL_JOB, type QueueEmailInput } from './queue-email.ts'
/** Renders and sends (SMTP) or keeps (no SMTP) one queued e-mail; used by the job and tests. */
export { sendEmail, EMAIL_MAX_ATTEMPTS, type SendOutcome } from './send-email.ts'
/** The SMTP mailer for the configuration (null without SMTP_URL) and its shutdown. */
export { createMailer, closeMailers, type Mailer, type MailSettings, type OutgoingEmail } from './mailer.ts'
/** The job definitions of this module, built from the mail settings. */
export { notificationJobs } from './jobs.ts'
/** The outbox for the back office (staff/system only): filtered lists, a page with its total, one e-mail with its bodies. */
export { listOutbox, listOutboxPage, getOutboxEmail, OutboxListInput, OUTBOX_COUNT_CAP, type OutboxEmail, type OutboxEmailSummary } from './list-outbox.ts'
/** Template names, their data shapes and the renderer (subject, text, HTML). */
export { renderEmail, TEMPLATES, type TemplateName, type TemplateData } from './templates/index.ts'
export type { RenderedEmail } from './templates/blocks.ts'
export type { EmailStatus } from './tables.ts'
/** E-mails by status, for the back-office home pages. */
export { outboxCounts } from './outbox-counts.ts'
/** The e-mails about an order (order desk), and a staff resend of one (deduplicated per resend number). */
export { listOrderEmails, type OrderEmail } from './order-emails.ts'
export { resendEmail, type ResendEmailResult } from './resend-email.ts'
