import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

/** Friendly error page: a clear title, what to do next, and a search box for 404s. */
export function ErrorPage({ ctx, status }: { ctx: PageContext; status: number }) {
  const { t } = ctx
  const kind = status === 404 ? '404' : status >= 500 ? '500' : '400'
  return (
    <Layout ctx={ctx} seo={{ title: `${t(`error.${kind}.title`)} — Lakou`, description: t(`error.${kind}.text`), index: false }}>
      <section class="error-page">
        <h1>{t(`error.${kind}.title`)}</h1>
        <p>{t(`error.${kind}.text`)}</p>
        {kind === '404' ? (
          <form role="search" action={`/${ctx.locale}/search`} method="get" class="error-search">
            <label for="q404">{t('search.label')}</label>
            <input id="q404" name="q" type="search" maxLength={100} />
            <button type="submit">{t('search.submit')}</button>
          </form>
        ) : null}
        <p><a href={`/${ctx.locale}/`}>{t('error.back')}</a></p>
      </section>
    </Layout>
  )
}
