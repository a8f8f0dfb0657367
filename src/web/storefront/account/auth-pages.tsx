import type { MessageKey } from '../../i18n/index.ts'
import type { PageContext } from '../page-context.ts'
import { AccountLayout } from './account-layout.tsx'
import { CsrfField, ErrorSummary, Field, type FieldErrors } from './forms.tsx'
import { accountPaths } from './paths.ts'

type FormState = { csrf: string; values: Record<string, string | undefined>; errors: FieldErrors; formError?: MessageKey | undefined; formErrorValues?: Record<string, string | number> }

const LABELS: Record<string, MessageKey> = {
  email: 'account.field.email', password: 'account.field.password', newPassword: 'account.field.newPassword',
  firstName: 'account.field.firstName', lastName: 'account.field.lastName', birthDate: 'account.field.birthDate',
}

/** Sign in: e-mail and password; errors say "wrong e-mail or password" without telling which. */
export function SignInPage({ ctx, next, ...f }: { ctx: PageContext; next: string | null } & FormState) {
  const { t } = ctx
  const l = ctx.locale
  return (
    <AccountLayout ctx={ctx} title="account.signIn.title" csrf={f.csrf} signedIn={false}>
      <ErrorSummary ctx={ctx} errors={f.errors} labels={LABELS} formError={f.formError} formErrorValues={f.formErrorValues} />
      <form method="post" action={accountPaths.signIn(l)} novalidate>
        <CsrfField token={f.csrf} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <Field ctx={ctx} name="email" type="email" label="account.field.email" value={f.values.email} error={f.errors.email} autoComplete="email" required maxLength={254} />
        <Field ctx={ctx} name="password" type="password" label="account.field.password" error={f.errors.password} autoComplete="current-password" required maxLength={256} />
        <p><button type="submit">{t('account.signIn.submit')}</button></p>
      </form>
      <p><a href={accountPaths.forgotPassword(l)}>{t('account.signIn.forgot')}</a></p>
      <p>{t('account.signIn.noAccount')} <a href={next ? `${accountPaths.signUp(l)}?next=${encodeURIComponent(next)}` : accountPaths.signUp(l)}>{t('account.signUp.title')}</a></p>
    </AccountLayout>
  )
}

/** Create an account: e-mail, password (with the policy as a hint), names, optional birth date. */
export function SignUpPage({ ctx, next, ...f }: { ctx: PageContext; next: string | null } & FormState) {
  const { t } = ctx
  const l = ctx.locale
  return (
    <AccountLayout ctx={ctx} title="account.signUp.title" csrf={f.csrf} signedIn={false}>
      <ErrorSummary ctx={ctx} errors={f.errors} labels={LABELS} formError={f.formError} />
      <form method="post" action={accountPaths.signUp(l)} novalidate>
        <CsrfField token={f.csrf} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <Field ctx={ctx} name="firstName" label="account.field.firstName" value={f.values.firstName} error={f.errors.firstName} autoComplete="given-name" required maxLength={100} />
        <Field ctx={ctx} name="lastName" label="account.field.lastName" value={f.values.lastName} error={f.errors.lastName} autoComplete="family-name" required maxLength={100} />
        <Field ctx={ctx} name="email" type="email" label="account.field.email" value={f.values.email} error={f.errors.email} autoComplete="email" required maxLength={254} />
        <Field ctx={ctx} name="password" type="password" label="account.field.password" hint={t('account.password.hint')} error={f.errors.password} autoComplete="new-password" required maxLength={256} />
        <Field ctx={ctx} name="birthDate" type="date" label="account.field.birthDate" hint={t('account.birthDate.hint')} value={f.values.birthDate} error={f.errors.birthDate} autoComplete="bday" />
        <p class="muted">{t('account.signUp.privacy')}</p>
        <p><button type="submit">{t('account.signUp.submit')}</button></p>
      </form>
      <p>{t('account.signUp.haveAccount')} <a href={accountPaths.signIn(l)}>{t('account.signIn.title')}</a></p>
    </AccountLayout>
  )
}

/** Forgotten password: one field; after sending, the same message whether the account exists or not. */
export function ForgotPasswordPage({ ctx, sent, ...f }: { ctx: PageContext; sent: boolean } & FormState) {
  const { t } = ctx
  const l = ctx.locale
  return (
    <AccountLayout ctx={ctx} title="account.forgot.title" csrf={f.csrf} signedIn={false}>
      {sent ? (
        <p role="status" class="age-notice">{t('account.forgot.sent', { email: f.values.email ?? '' })}</p>
      ) : (
        <>
          <ErrorSummary ctx={ctx} errors={f.errors} labels={LABELS} />
          <p>{t('account.forgot.intro')}</p>
          <form method="post" action={accountPaths.forgotPassword(l)} novalidate>
            <CsrfField token={f.csrf} />
            <Field ctx={ctx} name="email" type="email" label="account.field.email" value={f.values.email} error={f.errors.email} autoComplete="email" required maxLength={254} />
            <p><button type="submit">{t('account.forgot.submit')}</button></p>
          </form>
        </>
      )}
      <p><a href={accountPaths.signIn(l)}>{t('account.signIn.title')}</a></p>
    </AccountLayout>
  )
}

/** Choose a new password from an e-mailed link; an unusable link says so and offers a new one. */
export function ResetPasswordPage({ ctx, token, valid, ...f }: { ctx: PageContext; token: string; valid: boolean } & FormState) {
  const { t } = ctx
  const l = ctx.locale
  return (
    <AccountLayout ctx={ctx} title="account.reset.title" csrf={f.csrf} signedIn={false}>
      {valid ? (
        <>
          <ErrorSummary ctx={ctx} errors={f.errors} labels={LABELS} />
          <form method="post" action={accountPaths.resetPassword(l)} novalidate>
            <CsrfField token={f.csrf} />
            <input type="hidden" name="token" value={token} />
            <Field ctx={ctx} name="password" type="password" label="account.field.newPassword" hint={t('account.password.hint')} error={f.errors.password} autoComplete="new-password" required maxLength={256} />
            <p><button type="submit">{t('account.reset.submit')}</button></p>
          </form>
        </>
      ) : (
        <>
          <p role="alert">{t('account.reset.invalid')}</p>
          <p><a href={accountPaths.forgotPassword(l)}>{t('account.reset.again')}</a></p>
        </>
      )}
    </AccountLayout>
  )
}
