import { systemCtx } from '../kernel/ctx.ts'
import type { Database } from '../kernel/db/client.ts'
import { SELLER_PROFILE_ID, saveCompanyProfile, type CompanyProfile } from '../modules/invoicing/index.ts'
import { readDemoMarketFiles } from './load-demo-market.ts'
import type { SeedOptions } from './seed-demo-market.ts'

/**
 * The demo operator as the seller of every invoice. Identity comes from demo-catalog.json
 * (`operator`: trade name, fictional SIREN and VAT number, Baie-Mahault 97122, Guadeloupe); the
 * file has no legal form, street, e-mail or bank account, so those are filled in here with
 * values that are fictional on purpose (.example domain, bank code 99999 that no bank has).
 * A real operator replaces the row (saveCompanyProfile); issued invoices keep their own copy.
 */
export function demoCompanyProfile(): CompanyProfile {
  const { operator, territories } = readDemoMarketFiles().catalog
  // an overseas department is France on invoices (e-invoicing country code FR, DOMAIN §4.1)
  const country = territories.find((t) => t.code === operator.territory)?.isoCountryForInvoices ?? operator.territory
  const legalName = 'Lakou Démo'
  return {
    id: SELLER_PROFILE_ID,
    legalName,
    tradeName: operator.tradeName,
    legalForm: 'SAS',
    shareCapitalCents: 1_000_000,
    siren: operator.sirenFictional,
    rcsCity: 'Pointe-à-Pitre',
    vatNumber: operator.vatNumberFictional,
    address: { line1: 'Zone de Jarry, 1 rue de la Démonstration', line2: null, postalCode: operator.postalCode, city: operator.commune, country },
    territoryCode: operator.territory,
    email: 'factures@lakou.example',
    phone: null,
    // Verification of Payee (DOMAIN §7): the holder is the exact legal name.
    bank: { holder: `${legalName} SAS`, iban: 'FR7699999000010000001234537', bic: 'DEMOFRP1XXX' },
    timeZone: 'America/Guadeloupe',
  }
}

/** After-seed step: stores the demo operator's company profile. */
export async function loadCompanyProfile(database: Database, opts: SeedOptions): Promise<void> {
  await saveCompanyProfile(systemCtx(database.db, 'seed', { now: opts.now ?? new Date() }), demoCompanyProfile())
}
