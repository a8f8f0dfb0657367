/**
 * Whose data a portal query may return: built ONLY from the signed-in portal session (never from
 * a URL or a form) and passed to every portal function, each of which filters by it in SQL. A
 * record of another producer is then indistinguishable from a missing one (null → 404).
 */
export type ProducerScope = Readonly<{ producerId: string }>

/** Cents read back as strings (bigint) → numbers. */
export const cents = (v: string | number | bigint | null | undefined): number => (v == null ? 0 : Number(v))
