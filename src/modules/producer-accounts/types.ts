/** A portal account as the back office lists it. */
export type ProducerUser = {
  id: string
  producerId: string
  email: string
  name: string
  active: boolean
  lockedUntil: Date | null
  createdAt: Date
}

/** The account behind a valid portal session; producerId scopes every portal query. */
export type ProducerSession = {
  sessionId: string
  user: { id: string; email: string; name: string }
  producer: { id: string; code: string; name: string }
}
