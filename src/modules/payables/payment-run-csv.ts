import { stringify } from 'csv-stringify/sync'
import { decimalString, money } from '../../kernel/money.ts'
import { runTransfers, type RunDetail } from './get-runs.ts'

// SEPA credit transfer fields as a bank's bulk-upload template names them (amounts with a point);
// the remittance information is limited to 140 characters by the SEPA rulebook.
const HEADER = ['Nom du bénéficiaire', 'IBAN', 'BIC', 'Montant', 'Devise', 'Date d’exécution', 'Référence de bout en bout', 'Motif', 'Producteur']

/**
 * The bank file of a run: one transfer per producer, `;`-separated with a BOM so Excel (fr)
 * opens it as is; cells that a spreadsheet would run as a formula are quoted. Refused (CONFLICT)
 * when a producer to pay has no IBAN.
 */
export function paymentRunCsv(run: RunDetail): string {
  const rows = runTransfers(run).map((t, i) => [
    t.holder, t.iban, t.bic, decimalString(money(t.amount)), 'EUR', run.payOn, `${run.number}-${String(i + 1).padStart(3, '0')}`,
    `${run.number} factures ${t.invoiceNumbers.join(' ')}`.slice(0, 140), t.producer,
  ])
  return stringify([HEADER, ...rows], { delimiter: ';', bom: true, record_delimiter: 'windows', cast: { string: (s) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s) } })
}
