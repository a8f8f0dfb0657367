/**
 * Who may do what in the back office: the one table of roles → actions. Every back-office route
 * names the action it needs (http/admin/), the navigation shows only what a role may use, and
 * test/http/admin-role-matrix.test.ts walks every route for every role against this table.
 * The roles are the delegation team of PRODUCT.md; an administrator may do everything.
 */
export const ROLES = [
  'director',
  'product_owner',
  'project_manager',
  'ux_designer',
  'e_merchandiser',
  'tech_lead',
  'data_analyst',
  'acquisition_manager',
  'crm_manager',
  'customer_service',
  'content_manager',
  'logistics',
  'finance',
  'administrator',
] as const
export type Role = (typeof ROLES)[number]

export const ACTIONS = [
  'dashboard.view', // the role's home page with its KPIs
  'catalog.read', // product, category and collection lists and pages
  'catalog.edit', // create and edit products, variants, prices, categories, collections, producer stories
  'catalog.import', // CSV import (dry run and apply) and export
  'media.upload', // upload product and producer pictures
  'merchandising.edit', // search synonyms and rules (pin, boost, bury, redirect)
  'search.insights', // zero-result queries, rule preview
  'orders.read', // order desk: search, detail
  'orders.cancel',
  'orders.refund',
  'orders.resend_email',
  'customers.read', // a customer's orders and contact
  'finance.read', // invoices and credit notes, their PDFs
  'finance.export', // CSV exports of invoices and credit notes
  'outbox.read', // e-mails sent or kept
  'audit.read', // the audit log
  'staff.manage', // staff accounts and their roles
  'supply.read', // producer applications and pipeline, agreements, purchase orders, receipts
  'supply.manage', // score and move applications, agreements, producer portal accounts
  'purchasing.manage', // raise, send and cancel purchase orders
  'receiving.record', // record goods receipts with lots and discrepancies
  'payables.read', // supplier invoices, payables schedule, payment runs, consignment statements
  'payables.manage', // record and match supplier invoices, run payments, issue statements
  'warehouse.operate', // pick lists, packing, shipping, stock counts, write-offs, near-expiry lots, returned parcels
  'returns.manage', // approve or reject a shopper's return request
  'content.review', // approve or reject producers' content proposals
  'experiments.manage', // create, start and stop experiments and feature flags; record decisions
] as const
export type Action = (typeof ACTIONS)[number]

const ALL: readonly Action[] = ACTIONS
const READ_ONLY_STEERING: readonly Action[] = ['dashboard.view', 'catalog.read', 'orders.read', 'search.insights']

export const PERMISSIONS: Readonly<Record<Role, readonly Action[]>> = {
  director: [...READ_ONLY_STEERING, 'finance.read', 'customers.read', 'outbox.read', 'audit.read', 'supply.read', 'payables.read'],
  product_owner: [...READ_ONLY_STEERING, 'outbox.read', 'audit.read', 'supply.read', 'experiments.manage'],
  // the project manager runs the producer relationship: selection, agreements, purchasing
  project_manager: [...READ_ONLY_STEERING, 'outbox.read', 'audit.read', 'supply.read', 'supply.manage', 'purchasing.manage'],
  ux_designer: ['dashboard.view', 'catalog.read', 'search.insights', 'experiments.manage'],
  e_merchandiser: ['dashboard.view', 'catalog.read', 'catalog.edit', 'catalog.import', 'media.upload', 'merchandising.edit', 'search.insights', 'supply.read', 'content.review'],
  tech_lead: [...READ_ONLY_STEERING, 'outbox.read', 'audit.read'],
  data_analyst: [...READ_ONLY_STEERING, 'supply.read', 'experiments.manage'],
  acquisition_manager: ['dashboard.view', 'catalog.read', 'search.insights'],
  crm_manager: ['dashboard.view', 'catalog.read', 'orders.read', 'customers.read', 'outbox.read'],
  customer_service: ['dashboard.view', 'catalog.read', 'orders.read', 'orders.cancel', 'orders.refund', 'orders.resend_email', 'customers.read', 'outbox.read', 'returns.manage'],
  content_manager: ['dashboard.view', 'catalog.read', 'catalog.edit', 'media.upload', 'search.insights', 'content.review'],
  logistics: ['dashboard.view', 'orders.read', 'supply.read', 'receiving.record', 'warehouse.operate'],
  finance: ['dashboard.view', 'orders.read', 'orders.refund', 'customers.read', 'finance.read', 'finance.export', 'audit.read', 'supply.read', 'payables.read', 'payables.manage'],
  administrator: ALL,
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value)

/** Whether any of these roles grants the action (unknown role names grant nothing). */
export function can(roles: readonly string[], action: Action): boolean {
  return roles.some((r) => isRole(r) && PERMISSIONS[r].includes(action))
}

/** Every action the roles grant, for the navigation. */
export function actionsOf(roles: readonly string[]): Set<Action> {
  return new Set(roles.filter(isRole).flatMap((r) => PERMISSIONS[r]))
}
