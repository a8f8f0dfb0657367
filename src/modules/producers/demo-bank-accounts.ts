import type { Db } from '../../kernel/db/client.ts'
import { producersDb } from './tables.ts'

// Fictional accounts for the demo producers: bank code 99999 (no French bank has it), valid RIB
// keys, hence valid FR76 IBANs, so payment runs of the demo market export a complete bank file.
const DEMO_IBANS: Record<string, string> = {
  'PRD-ACS': 'FR7699999000010100000000110', 'PRD-MZP': 'FR7699999000010100000792018', 'PRD-KLB': 'FR7699999000010100001583926',
  'PRD-CHN': 'FR7699999000010100002375834', 'PRD-FVV': 'FR7699999000010100003167742', 'PRD-MTE': 'FR7699999000010100003959650',
  'PRD-JFL': 'FR7699999000010100004751558', 'PRD-FPB': 'FR7699999000010100005543466', 'PRD-DKR': 'FR7699999000010100006335374',
  'PRD-LMD': 'FR7699999000010100007127282', 'PRD-BWK': 'FR7699999000010100007919190', 'PRD-TBK': 'FR7699999000010100008711001',
}
export const DEMO_BIC = 'DEMOFRPPXXX'

/** Gives the demo producers that have none their fictional account (holder: the trade name). */
export async function loadDemoProducerBanks(db: Db): Promise<number> {
  let n = 0
  for (const [code, iban] of Object.entries(DEMO_IBANS)) {
    const r = await producersDb(db).updateTable('producers')
      .set((eb) => ({ iban, bic: DEMO_BIC, bank_account_holder: eb.ref('trade_name') }))
      .where('code', '=', code).where('iban', 'is', null).executeTakeFirst()
    n += Number(r.numUpdatedRows)
  }
  return n
}
