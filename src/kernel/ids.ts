import { randomBytes } from 'node:crypto'

// Crockford base32: sortable, no ambiguous letters (I, L, O, U).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** Prefixes in use, so a stray id says what it is (`prd_01J…` is a product). */
export type IdPrefix =
  | 'prf' | 'prd' | 'var' | 'cat' | 'col' | 'img' | 'lot' | 'mov' | 'syn' | 'rul' | 'req'
  // customers and notifications
  | 'cus' | 'ses' | 'adr' | 'pwr' | 'eml'
  // checkout, orders, stock reservations, jobs
  | 'crt' | 'cli' | 'ord' | 'orl' | 'res' | 'job' | 'wdr'
  // payments
  | 'pay' | 'pat' | 'pev' | 'whd'
  // shipping and promotions
  | 'shz' | 'shm' | 'shr' | 'pro' | 'prr'
  // invoicing
  | 'inv'
  // staff (back office)
  | 'stf' | 'sts'
  // supply: applications, producer files, purchase orders and lines, goods receipts and lines
  | 'apl' | 'pfl' | 'pur' | 'pol' | 'grc' | 'grl'
  // payables: supplier invoices and lines, payment runs, supplier payments, consignment statements
  | 'sin' | 'sil' | 'prn' | 'spy' | 'cst'
  // warehouse: pick lists and lines, shipments, stock counts, returns
  | 'pkl' | 'pkn' | 'shp' | 'cnt' | 'rtn'
  // producer portal: users, sessions, content proposals
  | 'pru' | 'prs' | 'cpr'
  // experiments and their decisions
  | 'exp' | 'exd'

/** A ULID-shaped id: 10 chars of millisecond time then 16 random chars, sortable by creation. */
export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  let time = ''
  let t = now
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time
    t = Math.floor(t / 32)
  }
  const bytes = randomBytes(16)
  let rand = ''
  for (const b of bytes) rand += ALPHABET[b % 32]
  return `${prefix}_${time}${rand}`
}
