import type { Config } from '../kernel/config.ts'
import { registerJobs, type Recurring } from '../kernel/jobs.ts'
import type { CheckoutDeps } from '../flows/checkout-deps.ts'
import { orderJobs, RELEASE_EXPIRED_EVERY_SECONDS } from '../flows/jobs.ts'
import { RELEASE_EXPIRED_ORDERS_JOB } from '../flows/release-expired-orders.ts'
import { staffRefundJobs } from '../flows/staff-refund-job.ts'
import { customersJobs } from '../modules/customers/index.ts'
import { notificationJobs } from '../modules/notifications/index.ts'
import { paymentJobs } from '../modules/payments/index.ts'
import { PURGE_STAFF_SESSIONS_JOB, staffJobs } from '../modules/staff/index.ts'
import { producerAccountJobs, PURGE_PRODUCER_SESSIONS_JOB } from '../modules/producer-accounts/index.ts'
import { analyticsJobs, ANALYTICS_ROLLUP_EVERY_SECONDS, ANALYTICS_ROLLUP_JOB } from '../modules/analytics/index.ts'
import { experimentJobs, EXPERIMENTS_REFRESH_EVERY_SECONDS, EXPERIMENTS_REFRESH_JOB } from '../modules/experiments/index.ts'
import { payablesJobs, PAYABLES_OVERDUE_ALERT_EVERY_SECONDS, PAYABLES_OVERDUE_ALERT_JOB } from '../modules/payables/index.ts'

/** Every durable job this process can run, wired with its dependencies. */
export function registerAllJobs(config: Config, deps: CheckoutDeps): void {
  registerJobs([...orderJobs(deps), ...staffRefundJobs(deps), ...paymentJobs(deps.providers), ...notificationJobs({ smtpUrl: config.smtpUrl, mailFrom: config.mailFrom }), ...customersJobs, ...staffJobs, ...producerAccountJobs, ...analyticsJobs, ...experimentJobs, ...payablesJobs({ publicUrl: config.publicUrl })])
}

/** Jobs that re-run on their own. */
export const RECURRING_JOBS: readonly Recurring[] = [
  { name: RELEASE_EXPIRED_ORDERS_JOB, everySeconds: RELEASE_EXPIRED_EVERY_SECONDS },
  { name: 'customers.purge-expired-sessions', everySeconds: 3600 },
  { name: PURGE_STAFF_SESSIONS_JOB, everySeconds: 3600 },
  { name: PURGE_PRODUCER_SESSIONS_JOB, everySeconds: 3600 },
  { name: ANALYTICS_ROLLUP_JOB, everySeconds: ANALYTICS_ROLLUP_EVERY_SECONDS },
  { name: EXPERIMENTS_REFRESH_JOB, everySeconds: EXPERIMENTS_REFRESH_EVERY_SECONDS },
  { name: PAYABLES_OVERDUE_ALERT_JOB, everySeconds: PAYABLES_OVERDUE_ALERT_EVERY_SECONDS },
]
