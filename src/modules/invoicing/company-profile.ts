import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { ttlCache } from '../../kernel/ttl-cache.ts'
import { invoicingDb } from './tables.ts'

/**
 * The seller printed on every invoice (C. com. R123-237, CGI 242 nonies A): legal name and form,
 * share capital, SIREN and registry, VAT number, address, and the bank account named on
 * transfer instructions. Data, not constants: a copy goes into each invoice snapshot, so a later
 * change (new address) never alters an issued invoice.
 */
export const SELLER_PROFILE_ID = 'OPERATOR'

export const CompanyProfile = z.strictObject({
  id: z.string().min(1),
  legalName: z.string().min(1),
  tradeName: z.string().min(1).nullable(),
  legalForm: z.string().min(1),
  shareCapitalCents: z.number().int().min(0).nullable(),
  siren: z.string().regex(/^[0-9]{9}$/),
  rcsCity: z.string().min(1).nullable(),
  vatNumber: z.string().regex(/^[A-Z]{2}[0-9A-Z]{2,13}$/).nullable(),
  address: z.strictObject({ line1: z.string().min(1), line2: z.string().min(1).nullable(), postalCode: z.string().min(1), city: z.string().min(1), country: z.string().regex(/^[A-Z]{2}$/) }),
  territoryCode: z.string().min(1),
  email: z.email(),
  phone: z.string().min(1).nullable(),
  bank: z.strictObject({ holder: z.string().min(1), iban: z.string().regex(/^[A-Z]{2}[0-9]{2}[0-9A-Z]{11,30}$/), bic: z.string().regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/) }).nullable(),
  /** IANA zone whose calendar dates the invoices carry (America/Guadeloupe) */
  timeZone: z.string().min(1).refine((tz) => {
    try {
      return Boolean(new Intl.DateTimeFormat('en', { timeZone: tz }))
    } catch {
      return false
    }
  }, 'unknown time zone'),
})
export type CompanyProfile = z.infer<typeof CompanyProfile>

/** The seller's current profile; thrown INVOICING_PROFILE_MISSING when none is configured. */
export async function getCompanyProfile(ctx: Ctx, id: string = SELLER_PROFILE_ID): Promise<CompanyProfile> {
  const r = await invoicingDb(ctx.db).selectFrom('company_profiles').selectAll().where('id', '=', id).executeTakeFirst()
  if (!r) throw new AppError('INVOICING_PROFILE_MISSING', `company profile ${id} is not configured: invoices cannot be issued`)
  return {
    id: r.id,
    legalName: r.legal_name,
    tradeName: r.trade_name,
    legalForm: r.legal_form,
    shareCapitalCents: r.share_capital_cents,
    siren: r.siren,
    rcsCity: r.rcs_city,
    vatNumber: r.vat_number,
    address: { line1: r.address_line1, line2: r.address_line2, postalCode: r.postal_code, city: r.city, country: r.country },
    territoryCode: r.territory_code,
    email: r.email,
    phone: r.phone,
    bank: r.iban && r.bank_account_holder && r.bic ? { holder: r.bank_account_holder, iban: r.iban, bic: r.bic } : null,
    timeZone: r.time_zone,
  }
}

/**
 * The seller's profile as invoices print it, cached 30 s per database (the transaction's own
 * handle changes, its adapter does not). A save in this process shows at once; another
 * process's save within the 30 s.
 */
export function currentSellerProfile(ctx: Ctx): Promise<CompanyProfile> {
  return sellerCache.get(ctx.db.getExecutor().adapter, SELLER_PROFILE_ID, () => getCompanyProfile(ctx))
}
const sellerCache = ttlCache<CompanyProfile>(30_000)

/** Where the shop keeps its days (reports, dashboards): the seller's time zone, Paris before one is configured. */
export async function shopTimeZone(ctx: Ctx): Promise<string> {
  try {
    return (await currentSellerProfile(ctx)).timeZone
  } catch (err) {
    if (err instanceof AppError && err.code === 'INVOICING_PROFILE_MISSING') return 'Europe/Paris'
    throw err
  }
}

/** Creates or replaces a company profile (seed, back office); issued invoices keep their copy. */
export async function saveCompanyProfile(ctx: Ctx, input: CompanyProfile): Promise<void> {
  const p = CompanyProfile.parse(input)
  const row = {
    legal_name: p.legalName,
    trade_name: p.tradeName,
    legal_form: p.legalForm,
    share_capital_cents: p.shareCapitalCents,
    siren: p.siren,
    rcs_city: p.rcsCity,
    vat_number: p.vatNumber,
    address_line1: p.address.line1,
    address_line2: p.address.line2,
    postal_code: p.address.postalCode,
    city: p.address.city,
    country: p.address.country,
    territory_code: p.territoryCode,
    email: p.email,
    phone: p.phone,
    bank_account_holder: p.bank?.holder ?? null,
    iban: p.bank?.iban ?? null,
    bic: p.bank?.bic ?? null,
    time_zone: p.timeZone,
    updated_at: ctx.now,
  }
  await invoicingDb(ctx.db).insertInto('company_profiles').values({ id: p.id, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row)).execute()
  sellerCache.clear()
}
