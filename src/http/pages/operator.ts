import type { OperatorIdentity } from '../../web/i18n/legal-types.ts'

/**
 * The seller shown in the terms, legal notice and withdrawal form: the demo operator of
 * data/seed/demo-catalog.json (fictional SIREN and VAT number). A real deployment replaces it
 * (a settings screen in the back office is planned); the mediator and host are placeholders.
 */
export const DEMO_OPERATOR: OperatorIdentity = {
  name: 'Lakou (opérateur de démonstration)',
  legalForm: 'SAS',
  siren: '999 710 007',
  vatNumber: 'FR31999710007',
  address: 'Baie-Mahault, 97122 Guadeloupe',
  email: 'contact@lakou.example',
  phone: '+590 590 00 00 00',
  publicationDirector: 'la présidence de Lakou (démonstration)',
  host: 'Hébergeur de démonstration — à compléter avant mise en production (nom, adresse, téléphone).',
  mediator: { name: 'Médiateur de la consommation (démonstration)', address: 'adresse à compléter', url: 'https://mediateur.example' },
}
