import { COOKIE_REGISTER, lifetimeText } from '../storefront/cookie-register.ts'
import type { LegalTexts, OperatorIdentity } from './legal-types.ts'

// English version of the legal pages: a faithful summary for information. The French
// version prevails for contracts made with consumers in France.

const identity = (op: OperatorIdentity) => `${op.name}, ${op.legalForm}, SIREN ${op.siren}, VAT ${op.vatNumber}, ${op.address}, ${op.email}, ${op.phone}`
const PREVAILS = { kind: 'p' as const, text: 'This English text is provided for information; the French version prevails.' }

export const legalEn: LegalTexts = {
  terms: (op) => ({
    title: 'Terms of sale',
    description: `Terms of sale of ${op.name}: prices including VAT, delivery, payment, 14-day right of withdrawal, legal guarantees and mediation.`,
    sections: [
      { heading: '1. Seller', blocks: [{ kind: 'p', text: `Products on this site are sold by ${identity(op)}, on behalf of the producers it selects.` }, PREVAILS] },
      { heading: '2. Products', blocks: [{ kind: 'p', text: 'Each product page gives the main characteristics: net quantity, alcohol content, origin, labels, ingredients, allergens, nutrition declaration or its exemption, storage, shelf life or vase life.' }, { kind: 'p', text: 'Alcohol is never sold to minors (French Public Health Code, art. L3342-1). By ordering you certify that you are 18 or over; proof of age may be required when ordering and on delivery. Alcohol abuse is dangerous for your health; drink responsibly.' }] },
      { heading: '3. Prices', blocks: [{ kind: 'p', text: 'Prices are in euros including VAT (and, for spirits, excise duties), for the delivery area chosen at the top of the page: Guadeloupe and mainland France have different VAT rates and duties. The price per litre or kilo is shown for prepackaged goods. Delivery costs are shown before you confirm the order.' }] },
      { heading: '4. Order and payment', blocks: [{ kind: 'p', text: 'You check the summary (products, prices, delivery costs and estimated date) and confirm with the “Order with obligation to pay” button. A confirmation e-mail follows. Payment by card (3-D Secure) or bank transfer.' }] },
      { heading: '5. Delivery', blocks: [{ kind: 'p', text: 'We deliver to Guadeloupe, Martinique, mainland France and, depending on the product, the EU. Without a stated date, delivery takes place within 30 days of the order at the latest. Bottles travel in protective packaging; cut flowers only by express.' }] },
      {
        heading: '6. Right of withdrawal',
        blocks: [
          { kind: 'p', text: `You may withdraw within 14 days of receiving the goods without giving a reason, using the “Withdraw from the contract here” function, the model form or any clear statement sent to ${op.email}. Return the goods within 14 days at your own cost; we refund all payments, including standard delivery, within 14 days.` },
          { kind: 'p', text: 'There is no right of withdrawal (French Consumer Code, art. L221-28) for:' },
          { kind: 'ul', items: ['goods liable to deteriorate or expire rapidly, such as cut flowers and floral arrangements;', 'goods made to the consumer’s specifications;', 'goods unsealed after delivery that cannot be returned for health or hygiene reasons;', 'alcoholic drinks delivered after more than 30 days whose value depends on market fluctuations.'] },
        ],
      },
      { heading: '7. Legal guarantees', blocks: [{ kind: 'box', title: 'Legal guarantee of conformity and hidden defects', paragraphs: ['You have two years from delivery to claim the legal guarantee of conformity; you only need to show the defect, not when it appeared. You are entitled to repair or replacement within 30 days, free of charge; failing that, to a price reduction or a full refund against return of the goods. These rights come from articles L217-1 to L217-32 of the French Consumer Code.', 'You also benefit from the legal guarantee against hidden defects (French Civil Code, articles 1641 to 1649) for two years from discovery of the defect.'] }] },
      { heading: '8. Complaints and mediation', blocks: [{ kind: 'p', text: `Contact our customer service first (${op.email}, ${op.phone}). If no solution is found, you may refer the matter free of charge to our consumer mediator: ${op.mediator.name}, ${op.mediator.address}, ${op.mediator.url}.` }] },
      { heading: '9. Governing law', blocks: [{ kind: 'p', text: 'French law applies.' }] },
    ],
  }),
  notice: (op) => ({
    title: 'Legal notice',
    description: `Legal notice of the ${op.name} website: publisher, publication director, host, intellectual property.`,
    sections: [
      { heading: 'Publisher', blocks: [{ kind: 'p', text: identity(op) }, { kind: 'p', text: `Publication director: ${op.publicationDirector}.` }] },
      { heading: 'Host', blocks: [{ kind: 'p', text: op.host }] },
      { heading: 'Intellectual property', blocks: [{ kind: 'p', text: 'Producers keep the rights to their texts, photographs and brands. The Lakou software is free software under the AGPL-3.0-or-later licence.' }] },
      { heading: 'Demo data', blocks: [{ kind: 'p', text: 'This demo uses invented data: producers, brands, SIREN/VAT numbers, lots and prices are fictional.' }] },
    ],
  }),
  privacy: (op) => ({
    title: 'Privacy policy',
    description: `How ${op.name} processes your personal data (GDPR): purposes, legal bases, retention, cookies and your rights.`,
    sections: [
      { heading: 'Controller', blocks: [{ kind: 'p', text: `${op.name}, ${op.address}. Data protection contact: ${op.email}.` }] },
      { heading: 'Data and purposes', blocks: [{ kind: 'ul', items: ['Orders: identity, addresses, phone, e-mail and order content, to perform the contract.', 'Invoices: kept 10 years (legal obligation).', 'Customer service: messages about your orders.', 'Newsletters and offers: only with your consent, which you can withdraw at any time.', 'First-party audience measurement without third-party tools: only with your consent.'] }] },
      { heading: 'Cookies', blocks: [{ kind: 'p', text: 'No advertising cookies or third-party trackers. Only these (details and your choice on the “Cookies and audience measurement” page, /en/cookies):' }, { kind: 'ul', items: COOKIE_REGISTER.map((c) => `${c.name}: ${c.purpose.en} (${lifetimeText('en', c)}${c.needsConsent ? '; only with your consent' : ''})`) }] },
      { heading: 'Recipients and retention', blocks: [{ kind: 'p', text: 'Our team, and as needed the carrier and the payment provider. Data is never sold and is hosted in the EU. Account and order data: for the business relationship then 3 years after the last order; accounting records: 10 years.' }] },
      { heading: 'Your rights', blocks: [{ kind: 'p', text: `Access, rectification, erasure, restriction, objection and portability: write to ${op.email}; we answer within one month. You may complain to the CNIL (www.cnil.fr).` }] },
    ],
  }),
  withdrawal: (op) => ({
    title: 'Withdrawal form',
    description: 'Use your 14-day right of withdrawal: the “Withdraw from the contract here” function and the model withdrawal form.',
    sections: [
      {
        heading: 'Withdraw online',
        blocks: [
          { kind: 'p', text: 'You have 14 days from receiving your order to withdraw, except for excluded goods (notably flowers and perishables; see the terms of sale).' },
          { kind: 'p', text: 'The simplest way: the “Withdraw from the contract here” button on each order page of your account and in the order confirmation e-mail, available throughout the period. Choose the order and products, then click “Confirm withdrawal”. We immediately e-mail you an acknowledgement with the date and time.' },
          { kind: 'p', text: `You can also send the form below, or any clear statement, to ${op.email} or by post to ${op.name}, ${op.address}.` },
        ],
      },
      {
        heading: 'Model withdrawal form',
        blocks: [
          {
            kind: 'form',
            title: 'Withdrawal form',
            intro: `(Complete and return this form only if you wish to withdraw from the contract.) To ${op.name}, ${op.address}, ${op.email}:`,
            lines: ['I/We (*) hereby give notice that I/We (*) withdraw from my/our (*) contract of sale of the following goods:', 'Ordered on (*) / received on (*):', 'Order number:', 'Name of consumer(s):', 'Address of consumer(s):', 'Signature of consumer(s) (only if this form is notified on paper):', 'Date:'],
            footnote: '(*) Delete as appropriate.',
          },
        ],
      },
    ],
  }),
}
