import { legalEn } from '../i18n/legal-en.ts'
import { legalFr } from '../i18n/legal-fr.ts'
import type { LegalBlock, OperatorIdentity } from '../i18n/legal-types.ts'
import { Breadcrumbs, type Crumb } from './components.tsx'
import { Layout } from './layout.tsx'
import { paths, type LegalPage as LegalPageName, type PageContext } from './page-context.ts'
import { breadcrumbJsonLd } from './seo.ts'

function Block({ b }: { b: LegalBlock }) {
  switch (b.kind) {
    case 'p':
      return <p>{b.text}</p>
    case 'ul':
      return <ul>{b.items.map((i) => <li>{i}</li>)}</ul>
    case 'box':
      return (
        <aside class="legal-box" aria-label={b.title}>
          <h3>{b.title}</h3>
          {b.paragraphs.map((p) => <p>{p}</p>)}
        </aside>
      )
    case 'form':
      return (
        <div class="model-form">
          <h3>{b.title}</h3>
          <p>{b.intro}</p>
          <ul class="form-lines">{b.lines.map((l) => <li>{l}</li>)}</ul>
          <p class="muted">{b.footnote}</p>
        </div>
      )
  }
}

/** Terms of sale, legal notice, privacy policy, withdrawal (C. consom. L221-5, R221-1; LCEN art. 6; GDPR art. 13). */
export function LegalPage({ ctx, page, operator, updated }: { ctx: PageContext; page: LegalPageName; operator: OperatorIdentity; updated: Date }) {
  const doc = (ctx.locale === 'fr' ? legalFr : legalEn)[page](operator)
  const crumbs: Crumb[] = [{ name: ctx.t('nav.home'), href: paths.home(ctx.locale) }, { name: doc.title, href: paths.legal(ctx.locale, page) }]
  const date = new Intl.DateTimeFormat(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(updated)
  return (
    <Layout ctx={ctx} seo={{ title: `${doc.title} — Lakou`, description: doc.description, jsonLd: [breadcrumbJsonLd(ctx, crumbs)] }}>
      <Breadcrumbs ctx={ctx} items={crumbs} />
      <article class="legal">
        <h1>{doc.title}</h1>
        <p class="muted">{ctx.t('legal.updated', { date })}</p>
        {doc.sections.map((s) => (
          <section>
            <h2>{s.heading}</h2>
            {s.blocks.map((b) => <Block b={b} />)}
          </section>
        ))}
      </article>
    </Layout>
  )
}
