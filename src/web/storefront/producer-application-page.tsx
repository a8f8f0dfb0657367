import type { ApplicationErrorCode } from '../../modules/sourcing/index.ts'
import { CsrfField } from './account/forms.tsx'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

// The public producer application (PRODUCT.md C): a form, then a thanks page where the applicant
// attaches photos and documents one by one. Texts inline in French and English: the storefront's
// message catalogue is merged in i18n/index.ts, which this page does not own.

export const applicationPaths = {
  form: (l: 'fr' | 'en') => (l === 'fr' ? '/fr/producteurs/candidater' : '/en/producers/apply'),
  files: (l: 'fr' | 'en') => (l === 'fr' ? '/fr/producteurs/candidater/merci' : '/en/producers/apply/thanks'),
}

const FR = {
  title: 'Devenir producteur Lakou — candidature',
  description: 'Producteurs de Guadeloupe : proposez vos rhums, cafés, épices, fleurs ou douceurs à la délégation Lakou.',
  heading: 'Proposer vos produits',
  intro: 'Vous produisez en Guadeloupe et souhaitez vendre avec Lakou ? Présentez-nous votre activité : l’équipe étudie chaque candidature (authenticité, qualité, capacité, potentiel export) et vous répond sous trois semaines.',
  required: 'Les champs marqués d’un astérisque (*) sont obligatoires.',
  company: 'Votre entreprise', contact: 'Contact', products: 'Vos produits',
  tradeName: 'Nom commercial', legalForm: 'Forme juridique (EI, EARL, SARL, SAS…)', siren: 'Numéro SIREN', sirenHint: '9 chiffres, sur votre extrait Kbis ou avis de situation INSEE.',
  contactName: 'Nom et prénom', email: 'Adresse e-mail', phone: 'Téléphone', commune: 'Commune', island: 'Île (Basse-Terre, Grande-Terre, Marie-Galante, Les Saintes, La Désirade…)',
  productLines: 'Gammes de produits', otherLines: 'Autres gammes (séparées par des virgules)', productsText: 'Décrivez vos produits', capacityText: 'Capacité de production',
  capacityHint: 'Volumes, saisonnalité, régularité des livraisons.', annualUnits: 'Unités par an (estimation)', message: 'Message', website: 'Ne pas remplir',
  submit: 'Envoyer ma candidature', problem: 'Le formulaire contient des erreurs', files: 'Fichiers',
  thanksTitle: 'Merci pour votre candidature', thanks: (n: string) => `Nous avons bien reçu la candidature de ${n}. Un e-mail de confirmation vous a été envoyé.`,
  filesIntro: 'Vous pouvez maintenant joindre jusqu’à 8 fichiers, un à la fois, pendant 24 heures : photos de vos produits (JPEG, PNG ou WebP) et documents (PDF : extrait Kbis, attestation d’assurance, étiquettes). 10 Mo au plus chacun.',
  file: 'Fichier', upload: 'Joindre ce fichier', attached: 'Fichiers joints', none: 'Aucun fichier joint pour l’instant.', photo: 'photo', document: 'document',
  added: 'Le fichier est joint.', closed: 'Ce lien n’est plus valable : l’ajout de fichiers est fermé 24 heures après la candidature. Envoyez-les en réponse à l’e-mail de confirmation.',
  rateLimited: (m: number) => `Trop de candidatures envoyées depuis cette connexion. Réessayez dans ${m} minutes.`,
} as const
type Texts = { [K in keyof typeof FR]: (typeof FR)[K] extends (...a: infer A) => string ? (...a: A) => string : string }
const EN: Texts = {
  title: 'Become a Lakou producer — application',
  description: 'Guadeloupe producers: offer your rums, coffees, spices, flowers or sweets to the Lakou delegation.',
  heading: 'Offer your products',
  intro: 'You produce in Guadeloupe and would like to sell with Lakou? Tell us about your business: the team reviews every application (authenticity, quality, capacity, export potential) and answers within three weeks.',
  required: 'Fields marked with an asterisk (*) are required.',
  company: 'Your company', contact: 'Contact', products: 'Your products',
  tradeName: 'Trade name', legalForm: 'Legal form (EI, EARL, SARL, SAS…)', siren: 'SIREN number', sirenHint: '9 digits, on your Kbis extract or INSEE notice.',
  contactName: 'Full name', email: 'E-mail address', phone: 'Phone', commune: 'Town (commune)', island: 'Island (Basse-Terre, Grande-Terre, Marie-Galante, Les Saintes, La Désirade…)',
  productLines: 'Product lines', otherLines: 'Other lines (comma-separated)', productsText: 'Describe your products', capacityText: 'Production capacity',
  capacityHint: 'Volumes, seasons, how regularly you can deliver.', annualUnits: 'Units per year (estimate)', message: 'Message', website: 'Leave empty',
  submit: 'Send my application', problem: 'The form has errors', files: 'Files',
  thanksTitle: 'Thank you for your application', thanks: (n: string) => `We received the application of ${n}. A confirmation e-mail is on its way.`,
  filesIntro: 'You may now attach up to 8 files, one at a time, for 24 hours: photos of your products (JPEG, PNG or WebP) and documents (PDF: Kbis extract, insurance certificate, labels). 10 MB at most each.',
  file: 'File', upload: 'Attach this file', attached: 'Attached files', none: 'No file attached yet.', photo: 'photo', document: 'document',
  added: 'The file is attached.', closed: 'This link is no longer valid: files can be attached for 24 hours after applying. Send them in reply to the confirmation e-mail.',
  rateLimited: (m: number) => `Too many applications sent from this connection. Try again in ${m} minutes.`,
}
const TEXTS = { fr: FR as Texts, en: EN }

const ERRORS: Record<'fr' | 'en', Record<ApplicationErrorCode, string>> = {
  fr: {
    required: 'est obligatoire', tooLong: 'est trop long', siren: 'n’est pas un SIREN valide (9 chiffres, clé de contrôle)', email: 'n’est pas une adresse e-mail valide',
    phone: 'n’est pas un numéro de téléphone valide', number: 'doit être un nombre entier', productLines: 'contient une gamme inconnue',
    fileType: 'n’est ni une photo JPEG, PNG ou WebP ni un PDF', fileTooLarge: 'dépasse 10 Mo', tooManyFiles: 'dépasse 8 fichiers au total', imageInvalid: 'n’est pas une photo lisible (abîmée ou plus petite que 200 × 200 pixels)',
    honeypot: 'doit rester vide',
  },
  en: {
    required: 'is required', tooLong: 'is too long', siren: 'is not a valid SIREN (9 digits, check digit)', email: 'is not a valid e-mail address',
    phone: 'is not a valid phone number', number: 'must be a whole number', productLines: 'has an unknown line',
    fileType: 'is neither a JPEG, PNG or WebP photo nor a PDF', fileTooLarge: 'is over 10 MB', tooManyFiles: 'is over 8 files in all', imageInvalid: 'is not a readable photo (damaged, or smaller than 200 × 200 pixels)',
    honeypot: 'must stay empty',
  },
}

const FIELDS = ['tradeName', 'legalForm', 'siren', 'contactName', 'email', 'phone', 'commune', 'island', 'productLines', 'otherLines', 'productsText', 'capacityText', 'annualUnits', 'message'] as const
type FieldName = (typeof FIELDS)[number] | 'file'

export type ApplicationFormProps = {
  ctx: PageContext
  csrf: string
  values: Record<string, string | string[] | undefined>
  errors: Partial<Record<string, ApplicationErrorCode>>
  lines: string[]
  rateLimitedMinutes?: number | undefined
}

const lineLabel = (code: string) => code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())

function Summary({ locale, errors, extra }: { locale: 'fr' | 'en'; errors: Partial<Record<string, ApplicationErrorCode>>; extra?: string | undefined }) {
  const t = TEXTS[locale]
  const entries = Object.entries(errors).filter((e): e is [string, ApplicationErrorCode] => Boolean(e[1]))
  if (!entries.length && !extra) return null
  return (
    <div class="form-errors" role="alert" tabIndex={-1} id="form-errors">
      <h2>{t.problem}</h2>
      {extra ? <p>{extra}</p> : null}
      {entries.length ? <ul>{entries.map(([f, code]) => <li><a href={`#${f}`}>{`${labelOf(locale, f)} ${ERRORS[locale][code]}`}</a></li>)}</ul> : null}
    </div>
  )
}

const labelOf = (locale: 'fr' | 'en', f: string): string => (TEXTS[locale] as Record<string, unknown>)[f] as string ?? f

function Input(p: { locale: 'fr' | 'en'; name: FieldName; value: string | undefined; error: ApplicationErrorCode | undefined; required?: boolean; type?: string; max: number; hint?: string; auto?: string; area?: boolean }) {
  const describedBy = [p.hint ? `${p.name}-hint` : '', p.error ? `${p.name}-error` : ''].filter(Boolean).join(' ') || undefined
  const common = { id: p.name, name: p.name, required: p.required, maxLength: p.max, autoComplete: p.auto, 'aria-invalid': p.error ? ('true' as const) : undefined, 'aria-describedby': describedBy }
  return (
    <p class="field">
      <label for={p.name}>{labelOf(p.locale, p.name)}{p.required ? <span aria-hidden="true"> *</span> : null}</label>
      <br />
      {p.hint ? <span id={`${p.name}-hint`} class="muted">{p.hint}<br /></span> : null}
      {p.error ? <strong id={`${p.name}-error`} class="not-sold">{`${labelOf(p.locale, p.name)} ${ERRORS[p.locale][p.error]}`}<br /></strong> : null}
      {p.area ? <textarea {...common} rows={5}>{p.value ?? ''}</textarea> : <input {...common} type={p.type ?? 'text'} value={p.value ?? ''} />}
    </p>
  )
}

/** The application form: company, contact, products; errors next to their fields and summarised on top. */
export function ProducerApplicationPage({ ctx, csrf, values, errors, lines, rateLimitedMinutes }: ApplicationFormProps) {
  const l = ctx.locale
  const t = TEXTS[l]
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined)
  const ticked = Array.isArray(values.productLines) ? values.productLines : typeof values.productLines === 'string' ? [values.productLines] : []
  const e = errors
  return (
    <Layout ctx={ctx} seo={{ title: t.title, description: t.description }}>
      <h1>{t.heading}</h1>
      <p class="lead">{t.intro}</p>
      <Summary locale={l} errors={errors} extra={rateLimitedMinutes ? t.rateLimited(rateLimitedMinutes) : undefined} />
      <p class="muted">{t.required}</p>
      <form method="post" action={applicationPaths.form(l)} novalidate class="application-form">
        <CsrfField token={csrf} />
        <fieldset>
          <legend>{t.company}</legend>
          <Input locale={l} name="tradeName" value={v('tradeName')} error={e.tradeName} required max={120} auto="organization" />
          <Input locale={l} name="legalForm" value={v('legalForm')} error={e.legalForm} max={60} />
          <Input locale={l} name="siren" value={v('siren')} error={e.siren} required max={20} hint={t.sirenHint} />
          <Input locale={l} name="commune" value={v('commune')} error={e.commune} required max={80} auto="address-level2" />
          <Input locale={l} name="island" value={v('island')} error={e.island} max={80} />
        </fieldset>
        <fieldset>
          <legend>{t.contact}</legend>
          <Input locale={l} name="contactName" value={v('contactName')} error={e.contactName} required max={120} auto="name" />
          <Input locale={l} name="email" type="email" value={v('email')} error={e.email} required max={254} auto="email" />
          <Input locale={l} name="phone" type="tel" value={v('phone')} error={e.phone} max={30} auto="tel" />
        </fieldset>
        <fieldset>
          <legend>{t.products}</legend>
          <fieldset id="productLines" class="checks" aria-describedby={e.productLines ? 'productLines-error' : undefined}>
            <legend>{t.productLines}</legend>
            {e.productLines ? <strong id="productLines-error" class="not-sold">{`${t.productLines} ${ERRORS[l][e.productLines]}`}</strong> : null}
            {lines.map((code) => (
              <label class="check"><input type="checkbox" name="productLines" value={code} checked={ticked.includes(code)} /> {lineLabel(code)}</label>
            ))}
          </fieldset>
          <Input locale={l} name="otherLines" value={v('otherLines')} error={e.otherLines} max={300} />
          <Input locale={l} name="productsText" value={v('productsText')} error={e.productsText} required max={4000} area />
          <Input locale={l} name="capacityText" value={v('capacityText')} error={e.capacityText} required max={2000} hint={t.capacityHint} area />
          <Input locale={l} name="annualUnits" value={v('annualUnits')} error={e.annualUnits} max={12} />
          <Input locale={l} name="message" value={v('message')} error={e.message} max={4000} area />
        </fieldset>
        {/* honeypot: hidden from people and assistive technology, filled by robots */}
        <p class="visually-hidden" aria-hidden="true"><label for="website">{t.website}</label><input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" value="" /></p>
        <p><button type="submit">{t.submit}</button></p>
      </form>
    </Layout>
  )
}

export type ApplicationFilesProps = {
  ctx: PageContext
  csrf: string
  token: string
  tradeName: string | null
  files: { name: string; kind: 'photo' | 'document' }[]
  error?: { code: ApplicationErrorCode; name: string } | undefined
  added?: boolean
}

/** Thanks page: the confirmation, then one file at a time (≤ 8, 24 h) through the signed link. */
export function ProducerApplicationFilesPage({ ctx, csrf, token, tradeName, files, error, added }: ApplicationFilesProps) {
  const l = ctx.locale
  const t = TEXTS[l]
  return (
    <Layout ctx={ctx} seo={{ title: t.thanksTitle, description: t.description, index: false }}>
      <h1>{t.thanksTitle}</h1>
      {tradeName === null ? <p role="alert">{t.closed}</p> : (
        <>
          <p class="lead">{t.thanks(tradeName)}</p>
          {added ? <p class="age-notice" role="status">{t.added}</p> : null}
          {error ? <div class="form-errors" role="alert" tabIndex={-1} id="form-errors"><h2>{t.problem}</h2><p><a href="#file">{`${error.name || t.file} ${ERRORS[l][error.code]}`}</a></p></div> : null}
          <h2>{t.attached}</h2>
          {files.length ? <ul>{files.map((f) => <li>{f.name} ({f.kind === 'photo' ? t.photo : t.document})</li>)}</ul> : <p>{t.none}</p>}
          <p>{t.filesIntro}</p>
          <form method="post" action={`${applicationPaths.files(l)}?d=${encodeURIComponent(token)}`} enctype="multipart/form-data" novalidate>
            <CsrfField token={csrf} />
            <p class="field">
              <label for="file">{t.file}</label><br />
              <input id="file" name="file" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" required aria-invalid={error ? 'true' : undefined} />
            </p>
            <p><button type="submit">{t.upload}</button></p>
          </form>
        </>
      )}
    </Layout>
  )
}

export { FIELDS as APPLICATION_FIELDS }
