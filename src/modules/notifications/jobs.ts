import { z } from 'zod'
import { defineJob, type JobDefinition } from '../../kernel/jobs.ts'
import { createMailer, type MailSettings } from './mailer.ts'
import { SEND_EMAIL_JOB } from './queue-email.ts'
import { EMAIL_MAX_ATTEMPTS, sendEmail } from './send-email.ts'

/**
 * The jobs of the notifications module, built from the mail settings of the configuration
 * (config.smtpUrl, config.mailFrom): `notificationJobs(config)` in src/jobs/registry.ts.
 * `notifications.send-email` v1 { emailId }: renders and sends (or keeps) one outbox e-mail;
 * backoff 30 s, 1 min, 2 min, 4 min between SMTP tries; the outbox row counts the attempts.
 */
export function notificationJobs(settings: MailSettings): JobDefinition<never>[] {
  const mailer = createMailer(settings)
  const sendEmailJob = defineJob({
    name: SEND_EMAIL_JOB,
    payload: z.object({ emailId: z.string().min(1) }),
    // one more than the outbox's own limit: the last try marks the row FAILED and ends cleanly
    maxAttempts: EMAIL_MAX_ATTEMPTS + 1,
    backoffSeconds: 30,
    handler: async (ctx, payload) => {
      await sendEmail(ctx, payload, mailer)
    },
  })
  return [sendEmailJob as unknown as JobDefinition<never>]
}
