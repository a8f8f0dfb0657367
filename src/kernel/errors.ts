/**
 * One error catalog for the whole application (Fastify's FST_ERR_* idea).
 * Each code maps to one HTTP status; the HTTP error handler reads this table.
 * Modules add their codes here so the catalog stays in one place.
 */
export const ERROR_CODES = {
  /** the request (query, params, body) failed its schema */
  VALIDATION_FAILED: 400,
  /** a search query that is too long, binary or otherwise unusable */
  SEARCH_QUERY_INVALID: 400,
  /** the requested record does not exist (or is not visible to the actor) */
  NOT_FOUND: 404,
  /** the route does not exist */
  ROUTE_NOT_FOUND: 404,
  /** the actor may not do this */
  FORBIDDEN: 403,
  /** the actor is not signed in */
  UNAUTHENTICATED: 401,
  /** the record changed since it was read (optimistic concurrency) */
  CONFLICT: 409,
  /** too many requests from this client */
  RATE_LIMITED: 429,
  /** a path segment longer than the router accepts */
  URI_TOO_LONG: 414,
  /** the request body is larger than allowed */
  PAYLOAD_TOO_LARGE: 413,
  /** checkout: the variant is not sold in the cart's market (inactive, no price, business only) */
  CHECKOUT_NOT_SOLD: 409,
  /** checkout: a quantity outside 1..99 (0 only to remove a line) */
  CHECKOUT_QUANTITY_INVALID: 400,
  /** checkout: the cart already became an order */
  CHECKOUT_CART_CLOSED: 409,
  /** checkout: no such cart for this shopper (unknown, bad token, another customer's) */
  CHECKOUT_CART_NOT_FOUND: 404,
  /** checkout: contact, address, shipping or delivery date still missing */
  CHECKOUT_NOT_READY: 409,
  /** checkout: a line cannot be sold or delivered as it is (see the cart's problems) */
  CHECKOUT_HAS_PROBLEMS: 409,
  /** checkout: the units are no longer available (someone bought them first) */
  CHECKOUT_OUT_OF_STOCK: 409,
  /** checkout: alcohol in the cart and no confirmed adult date of birth */
  CHECKOUT_AGE_REQUIRED: 422,
  /** checkout: the terms of sale were not accepted */
  CHECKOUT_TERMS_REQUIRED: 422,
  /** checkout: the promotion code can no longer be used */
  CHECKOUT_PROMO_INVALID: 409,
  /** orders: the order is past the point where the shopper may cancel it */
  ORDER_NOT_CANCELLABLE: 409,
  /** orders: the order cannot be paid now (paid, cancelled, or not a card order) */
  ORDER_NOT_PAYABLE: 409,
  /** orders: the withdrawal period is over or the order is not delivered yet */
  WITHDRAWAL_CLOSED: 409,
  /** orders: withdrawal asked for lines that are not eligible or more units than bought */
  WITHDRAWAL_LINES_INVALID: 400,
  /** orders: a refund asked of an order with nothing (left) to give back: unpaid, or refunded already */
  ORDER_NOT_REFUNDABLE: 409,
  /** orders: a refund over what is left to refund on the order (nothing changed) */
  ORDER_REFUND_TOO_LARGE: 409,
  /** staff: another member already has this e-mail */
  STAFF_EMAIL_TAKEN: 409,
  /** staff: the last active administrator cannot lose the role or be deactivated */
  STAFF_LAST_ADMINISTRATOR: 409,
  /** staff: a wrong, reused or expired second-factor code */
  STAFF_TOTP_INVALID: 401,
  /** a bug or an outage: logged once with the request id */
  INTERNAL: 500,
  /** a dependency (database) is not ready */
  UNAVAILABLE: 503,
  /** customers: a state-changing form posted without its CSRF token, or with a wrong or stale one (nothing changed) */
  CSRF_TOKEN_INVALID: 403,
  /** customers: wrong e-mail or password (one answer for both) */
  CUSTOMERS_INVALID_CREDENTIALS: 401,
  /** shipping: an address whose country or postal code cannot be a destination */
  SHIPPING_ADDRESS_INVALID: 422,
  /** shipping: a country no carrier delivers to */
  SHIPPING_COUNTRY_UNSUPPORTED: 422,
  /** shipping: the line's class or variant may not go to this zone */
  SHIPPING_ZONE_NOT_ALLOWED: 409,
  /** shipping: the line's class may not leave the chosen warehouse for this zone (bottles, flowers, plants) */
  SHIPPING_CLASS_NOT_FROM_ORIGIN: 409,
  /** shipping: no method carries the line (or the whole cart) to the zone */
  SHIPPING_NO_METHOD: 409,
  /** shipping: one unit is heavier than any parcel a carrier accepts */
  SHIPPING_TOO_HEAVY: 409,
  /** shipping: fresh flowers need a delivery date */
  SHIPPING_DATE_REQUIRED: 422,
  /** shipping: the delivery date is not one the option offers */
  SHIPPING_DATE_NOT_ALLOWED: 422,
  /** promotions: no such code (or inactive, or not for this market) */
  PROMO_UNKNOWN: 422,
  /** promotions: the code's validity has not started */
  PROMO_NOT_STARTED: 422,
  /** promotions: the code has ended */
  PROMO_EXPIRED: 422,
  /** promotions: the goods do not reach the code's minimum */
  PROMO_MIN_BASKET: 422,
  /** promotions: every use of the code is taken */
  PROMO_USED_UP: 409,
  /** promotions: the shopper has used the code as often as allowed */
  PROMO_CUSTOMER_LIMIT: 409,
  /** promotions: a code that differs only by case from an existing one */
  PROMO_CODE_TAKEN: 409,
  /** invoicing: an invoice draft that fails its schema (thrown: a bug of the caller) */
  INVOICING_DRAFT_MALFORMED: 500,
  /** invoicing: draft amounts that do not add up exactly (lines, shipping, per rate, totals) */
  INVOICING_TOTALS_MISMATCH: 422,
  /** invoicing: a legally required mention is missing (exemption reference, payment date) */
  INVOICING_MENTION_MISSING: 422,
  /** invoicing: a business buyer without SIREN nor VAT number */
  INVOICING_BUYER_ID_MISSING: 422,
  /** invoicing: the seller's company profile is not configured (thrown) */
  INVOICING_PROFILE_MISSING: 503,
  /** invoicing: a credit note asks for more than is left to credit on the invoice */
  INVOICING_CREDIT_EXCEEDS_INVOICE: 409,
  /** invoicing: a credit note names a product that is not on the invoice */
  INVOICING_CREDIT_UNKNOWN_LINE: 422,
  /** invoicing: a credit note that would credit nothing */
  INVOICING_CREDIT_EMPTY: 422,
  /** payments: a webhook whose signature is missing, wrong or older than 5 minutes (nothing is recorded) */
  PAYMENT_WEBHOOK_SIGNATURE_INVALID: 400,
  /** payments: the card number fails the Luhn check, the card has expired, or the CVC is malformed */
  PAYMENT_CARD_INVALID: 422,
  /** payments: the issuer or the provider refused the payment (declineCode says why) */
  PAYMENT_DECLINED: 402,
  /** payments: the provider could not be reached; retrying with the same key never charges twice */
  PAYMENT_PROVIDER_UNAVAILABLE: 503,
  /** payments: a new payment for an order that is already paid */
  PAYMENT_ORDER_ALREADY_PAID: 409,
  /** payments: a refund of a payment that holds no money, or of more than is left on it */
  PAYMENT_REFUND_NOT_ALLOWED: 409,
  /** payments: a bank transfer whose reference names no bank-transfer payment */
  PAYMENT_TRANSFER_UNKNOWN_REFERENCE: 404,
  /** payments: a bank transfer whose amount differs from the payment awaited */
  PAYMENT_TRANSFER_AMOUNT_MISMATCH: 409,
  /** payments: a bank transfer for a payment no longer awaited (failed or cancelled order) */
  PAYMENT_TRANSFER_NOT_AWAITING: 409,
  /** catalog: a product or category slug (URL) already used by another record */
  CATALOG_SLUG_TAKEN: 409,
  /** catalog: a product handle (import key) already used by another product */
  CATALOG_HANDLE_TAKEN: 409,
  /** catalog: a SKU already used by another variant */
  CATALOG_SKU_TAKEN: 409,
  /** catalog: a CSV file over the size or row limit (nothing read, nothing changed) */
  CATALOG_CSV_TOO_LARGE: 413,
  /** media: the file is not a picture (text, PDF, damaged, truncated or a polyglot that does not decode) */
  MEDIA_NOT_AN_IMAGE: 415,
  /** media: a picture in a format we do not take (SVG, GIF, HEIC, TIFF…): JPEG, PNG, WebP or AVIF only */
  MEDIA_UNSUPPORTED_FORMAT: 415,
  /** media: more than 10 MB, or more than 40 megapixels */
  MEDIA_TOO_LARGE: 413,
  /** media: smaller than 200 × 200 pixels */
  MEDIA_TOO_SMALL: 422,
  /** media: a malformed upload form (no file, several files, too many fields) */
  MEDIA_UPLOAD_INVALID: 400,
} as const

export type ErrorCode = keyof typeof ERROR_CODES

export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: unknown
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }
  get status(): number {
    return ERROR_CODES[this.code]
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} not found`)
