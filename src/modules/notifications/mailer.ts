import nodemailer, { type Transporter } from 'nodemailer'

/** One message ready for SMTP. */
export type OutgoingEmail = { to: string; subject: string; text: string; html: string; messageId: string; locale: string }

/** Sends e-mails; null means "no SMTP configured": e-mails stay in the local outbox. */
export type Mailer = { send(message: OutgoingEmail): Promise<{ messageId: string }> }

export type MailSettings = { smtpUrl: string | undefined; mailFrom: string }

const transports = new Map<string, Transporter>()

/**
 * The SMTP mailer for these settings (nodemailer, one pooled transport per URL reused by every
 * job), or null without SMTP_URL. `smtp://` upgrades with STARTTLS when the server offers it,
 * `smtps://` is TLS from the start; credentials go in the URL (smtp://user:pass@host:587).
 */
export function createMailer(settings: MailSettings): Mailer | null {
  const url = settings.smtpUrl
  if (!url) return null
  return {
    async send(m) {
      let transport = transports.get(url)
      if (!transport) {
        transport = nodemailer.createTransport(url, { from: settings.mailFrom })
        transports.set(url, transport)
      }
      const info = await transport.sendMail({
        from: settings.mailFrom,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        // a stable Message-ID: if a crash makes the job send twice, mail systems can spot the copy
        messageId: m.messageId,
        headers: { 'Content-Language': m.locale, 'Auto-Submitted': 'auto-generated' },
      })
      return { messageId: info.messageId }
    },
  }
}

/** Closes the pooled SMTP connections (graceful shutdown, tests). */
export function closeMailers(): void {
  for (const t of transports.values()) t.close()
  transports.clear()
}
