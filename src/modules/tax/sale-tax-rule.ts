import type { ExciseScope } from './excise.ts'
import { MENTION_EXPORT, vatTreatment, type VatTreatment, type VatTreatmentInput } from './vat-treatment.ts'

/**
 * What a sale is charged, once the VAT treatment is known (DOMAIN.md §1.3–1.4):
 * - rateTerritory: whose VAT rates apply to the lines (null = no VAT on the invoice);
 * - importVat: the rates are the import VAT of the destination, which Lakou pays for the
 *   consumer (delivered duty paid): an export from Guadeloupe to a French consumer in the
 *   mainland or another DOM is exempt at departure (CGI 262 I) and taxed on import; the
 *   seller, as importer, self-assesses it (CA3 since 1 Jan 2022) so the consumer pays the
 *   shown TTC price and nothing at the door. Consumers elsewhere (EU, world) and businesses
 *   buy the export exempt and import it themselves (DAP), at the list price less its VAT.
 * - exciseScope: which excise tariff the goods are released under (shown on the invoice as
 *   "dont droits d'accises"; already inside the consumer list price).
 */
export type SaleTaxRule = { treatment: VatTreatment; rateTerritory: string | null; importVat: boolean; mentions: string[]; exciseScope: ExciseScope }

export const MENTION_IMPORT_VAT_DDP = 'TVA à l’importation acquittée par le vendeur pour le compte du client (rendu droits acquittés)'
export const MENTION_DAP = 'Droits et taxes d’importation à la charge du destinataire (rendu au lieu de destination)'

export function saleTaxRule(input: VatTreatmentInput): SaleTaxRule {
  const treatment = vatTreatment(input)
  const localExcise: ExciseScope = input.shipTo.vatTerritory === 'FR_METRO' ? 'mainland' : input.shipTo.vatTerritory === 'FR_DOM' ? 'gp_local' : 'none'
  switch (treatment.kind) {
    case 'DOMESTIC':
      return { treatment, rateTerritory: treatment.rateTerritory, importVat: false, mentions: [], exciseScope: localExcise }
    case 'EU_DISTANCE_SALE_ORIGIN_VAT':
      return { treatment, rateTerritory: treatment.rateTerritory, importVat: false, mentions: [], exciseScope: 'none' }
    case 'EU_DISTANCE_SALE_DESTINATION_VAT':
      return { treatment, rateTerritory: treatment.destination, importVat: false, mentions: [], exciseScope: 'none' }
    case 'INTRA_EU_B2B_EXEMPT':
      return { treatment, rateTerritory: null, importVat: false, mentions: [treatment.mention], exciseScope: 'none' }
    case 'EXPORT_EXEMPT': {
      const frenchDestination = input.shipTo.vatTerritory === 'FR_METRO' || input.shipTo.vatTerritory === 'FR_DOM'
      if (input.customer === 'B2C' && frenchDestination) {
        return { treatment, rateTerritory: input.shipTo.code, importVat: true, mentions: [MENTION_EXPORT, MENTION_IMPORT_VAT_DDP], exciseScope: localExcise }
      }
      return { treatment, rateTerritory: null, importVat: false, mentions: input.customer === 'B2C' ? [MENTION_EXPORT, MENTION_DAP] : [MENTION_EXPORT], exciseScope: 'none' }
    }
  }
}
