/**
 * The back office's sections, in the order of the menu: each names the action it needs, so a
 * member sees only what a role lets them use (the routes check the same action again).
 * 'signed-in' sections are for every member.
 */
export type NavItem = { href: string; label: string; needs: string; group: string }

export const ADMIN_NAV: readonly NavItem[] = [
  { href: '/admin', label: 'Accueil', needs: 'dashboard.view', group: 'Pilotage' },
  { href: '/admin/experiences', label: 'Expériences', needs: 'dashboard.view', group: 'Pilotage' },
  { href: '/admin/tableaux-de-bord', label: 'Tableaux de bord', needs: 'dashboard.view', group: 'Pilotage' },
  { href: '/admin/produits', label: 'Produits', needs: 'catalog.read', group: 'Catalogue' },
  { href: '/admin/categories', label: 'Catégories', needs: 'catalog.read', group: 'Catalogue' },
  { href: '/admin/collections', label: 'Collections', needs: 'catalog.read', group: 'Catalogue' },
  { href: '/admin/producteurs', label: 'Producteurs', needs: 'catalog.read', group: 'Catalogue' },
  { href: '/admin/catalogue/csv', label: 'Import / export CSV', needs: 'catalog.import', group: 'Catalogue' },
  { href: '/admin/recherche', label: 'Recherche', needs: 'search.insights', group: 'Catalogue' },
  { href: '/admin/commandes', label: 'Commandes', needs: 'orders.read', group: 'Ventes' },
  { href: '/admin/factures', label: 'Factures et avoirs', needs: 'finance.read', group: 'Ventes' },
  { href: '/admin/candidatures', label: 'Candidatures', needs: 'supply.read', group: 'Approvisionnement' },
  { href: '/admin/achats', label: 'Bons de commande', needs: 'supply.read', group: 'Approvisionnement' },
  { href: '/admin/receptions', label: 'Réceptions', needs: 'supply.read', group: 'Approvisionnement' },
  { href: '/admin/propositions', label: 'Propositions producteurs', needs: 'content.review', group: 'Approvisionnement' },
  { href: '/admin/fournisseurs/factures', label: 'Factures fournisseurs', needs: 'payables.read', group: 'Fournisseurs' },
  { href: '/admin/fournisseurs/echeancier', label: 'Échéancier', needs: 'payables.read', group: 'Fournisseurs' },
  { href: '/admin/fournisseurs/virements', label: 'Campagnes de paiement', needs: 'payables.read', group: 'Fournisseurs' },
  { href: '/admin/fournisseurs/releves', label: 'Relevés de dépôt-vente', needs: 'payables.read', group: 'Fournisseurs' },
  { href: '/admin/entrepot', label: 'Préparation', needs: 'warehouse.operate', group: 'Entrepôt' },
  { href: '/admin/entrepot/expeditions', label: 'Expéditions', needs: 'warehouse.operate', group: 'Entrepôt' },
  { href: '/admin/entrepot/inventaires', label: 'Inventaires et casse', needs: 'warehouse.operate', group: 'Entrepôt' },
  { href: '/admin/entrepot/retours', label: 'Retours à réceptionner', needs: 'warehouse.operate', group: 'Entrepôt' },
  { href: '/admin/entrepot/peremptions', label: 'Lots proches de péremption', needs: 'warehouse.operate', group: 'Entrepôt' },
  { href: '/admin/retours', label: 'Retours', needs: 'returns.manage', group: 'Ventes' },
  { href: '/admin/emails', label: 'E-mails', needs: 'outbox.read', group: 'Suivi' },
  { href: '/admin/journal', label: 'Journal d’audit', needs: 'audit.read', group: 'Suivi' },
  { href: '/admin/equipe', label: 'Équipe', needs: 'staff.manage', group: 'Administration' },
  { href: '/admin/roles', label: 'Rôles et droits', needs: 'signed-in', group: 'Administration' },
]
