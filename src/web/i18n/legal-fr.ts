import { COOKIE_REGISTER, lifetimeText } from '../storefront/cookie-register.ts'
import type { LegalTexts, OperatorIdentity } from './legal-types.ts'

// Textes légaux de la boutique (droit français de la vente à distance au consommateur).
// Données de l'opérateur : celles de la démonstration (fictives) ; à remplacer avant toute mise en production.

const identity = (op: OperatorIdentity) => `${op.name}, ${op.legalForm}, SIREN ${op.siren}, TVA intracommunautaire ${op.vatNumber}, ${op.address}, ${op.email}, ${op.phone}`

/** Encadré prescrit par l'article D211-2 du Code de la consommation (garanties légales, depuis le 1er octobre 2022). */
const GUARANTEE_BOX = [
  "Le consommateur dispose d'un délai de deux ans à compter de la délivrance du bien pour obtenir la mise en œuvre de la garantie légale de conformité en cas d'apparition d'un défaut de conformité. Durant ce délai, le consommateur n'est tenu d'établir que l'existence du défaut de conformité et non la date d'apparition de celui-ci.",
  'La garantie légale de conformité donne au consommateur droit à la réparation ou au remplacement du bien dans un délai de trente jours suivant sa demande, sans frais et sans inconvénient majeur pour lui.',
  'Si le bien est réparé dans le cadre de la garantie légale de conformité, le consommateur bénéficie d’une extension de six mois de la garantie initiale. Si le consommateur demande la réparation du bien, mais que le vendeur impose le remplacement, la garantie légale de conformité est renouvelée pour une période de deux ans à compter de la date de remplacement du bien.',
  "Le consommateur peut obtenir une réduction du prix d'achat en conservant le bien ou mettre fin au contrat en se faisant rembourser intégralement contre restitution du bien, si : 1° le professionnel refuse de réparer ou de remplacer le bien ; 2° la réparation ou le remplacement du bien intervient après un délai de trente jours ; 3° la réparation ou le remplacement du bien occasionne un inconvénient majeur pour le consommateur, notamment lorsque le consommateur supporte définitivement les frais de reprise ou d'enlèvement du bien non conforme, ou s'il supporte les frais d'installation du bien réparé ou de remplacement ; 4° la non-conformité du bien persiste en dépit de la tentative de mise en conformité du vendeur restée infructueuse.",
  "Le consommateur a également droit à une réduction du prix du bien ou à la résolution du contrat lorsque le défaut de conformité est si grave qu'il justifie que la réduction du prix ou la résolution du contrat soit immédiate. Le consommateur n'est alors pas tenu de demander la réparation ou le remplacement du bien au préalable. Le consommateur n'a pas droit à la résolution de la vente si le défaut de conformité est mineur.",
  "Toute période d'immobilisation du bien en vue de sa réparation ou de son remplacement suspend la garantie qui restait à courir jusqu'à la délivrance du bien remis en état.",
  'Les droits mentionnés ci-dessus résultent de l’application des articles L. 217-1 à L. 217-32 du code de la consommation.',
  "Le vendeur qui fait obstacle de mauvaise foi à la mise en œuvre de la garantie légale de conformité encourt une amende civile d'un montant maximal de 300 000 euros, qui peut être porté jusqu'à 10 % du chiffre d'affaires moyen annuel (article L. 242-18-1 du code de la consommation).",
  'Le consommateur bénéficie également de la garantie légale des vices cachés en application des articles 1641 à 1649 du code civil, pour une durée de deux ans à compter de la découverte du défaut. Cette garantie donne droit à une réduction de prix si le bien est conservé ou à un remboursement intégral contre restitution du bien.',
]

export const legalFr: LegalTexts = {
  terms: (op) => ({
    title: 'Conditions générales de vente',
    description: `Conditions générales de vente de ${op.name} : prix TTC, livraison, paiement, droit de rétractation de 14 jours, garanties légales et médiation.`,
    sections: [
      { heading: '1. Vendeur', blocks: [{ kind: 'p', text: `Les produits présentés sur ce site sont vendus par ${identity(op)}, qui agit pour le compte des producteurs qu'il sélectionne et dont il achète ou met en dépôt les produits.` }] },
      { heading: '2. Champ d’application', blocks: [{ kind: 'p', text: 'Les présentes conditions s’appliquent à toute commande passée sur le site par un consommateur. Elles sont acceptées au moment de la commande ; la version applicable est celle en ligne à cette date. Les acheteurs professionnels relèvent de conditions particulières.' }] },
      {
        heading: '3. Produits',
        blocks: [
          { kind: 'p', text: 'Chaque fiche produit indique les caractéristiques essentielles : contenance ou quantité nette, degré d’alcool, origine, labels, ingrédients, allergènes, déclaration nutritionnelle ou son exemption, conditions de conservation, durée de conservation ou tenue en vase.' },
          { kind: 'p', text: 'La vente de boissons alcoolisées est interdite aux mineurs (art. L3342-1 du Code de la santé publique). En commandant un tel produit, vous certifiez avoir au moins 18 ans ; la preuve de la majorité peut être exigée à la commande et à la livraison, et le colis n’est remis qu’à un adulte. L’abus d’alcool est dangereux pour la santé, à consommer avec modération.' },
        ],
      },
      {
        heading: '4. Prix',
        blocks: [
          { kind: 'p', text: 'Les prix sont indiqués en euros toutes taxes comprises (TVA et, pour les spiritueux, droits d’accise et cotisation sécurité sociale inclus), selon la zone de livraison choisie en haut de page : les taux de TVA et la fiscalité diffèrent entre la Guadeloupe et la France métropolitaine. Le prix au litre ou au kilo est affiché pour les produits préemballés.' },
          { kind: 'p', text: 'Les frais de livraison sont indiqués avant la validation de la commande. Le prix applicable est celui affiché au moment de la commande.' },
        ],
      },
      { heading: '5. Commande', blocks: [{ kind: 'p', text: 'Vous sélectionnez les produits, vérifiez le récapitulatif (produits, prix, frais de livraison, date de livraison estimée), puis validez en cliquant sur le bouton « Commande avec obligation de paiement ». Un e-mail de confirmation reprenant ces informations et les présentes conditions vous est envoyé.' }] },
      { heading: '6. Paiement', blocks: [{ kind: 'p', text: 'Le paiement s’effectue par carte bancaire (avec authentification 3-D Secure) ou par virement. Le compte est débité à la validation de la commande ; une commande payée par virement est préparée à réception des fonds.' }] },
      {
        heading: '7. Livraison',
        blocks: [
          { kind: 'p', text: 'Nous livrons en Guadeloupe, en Martinique, en France métropolitaine et, selon les produits, dans l’Union européenne. La date ou le délai de livraison est indiqué avant la commande ; à défaut, la livraison intervient au plus tard 30 jours après la commande (art. L216-1 du Code de la consommation). En cas de retard, vous pouvez, après nous avoir enjoint de livrer dans un délai raisonnable, résoudre le contrat.' },
          { kind: 'p', text: 'Les bouteilles voyagent dans des emballages protégés, une alvéole par bouteille. Les fleurs coupées partent uniquement en express, en début de semaine. Certains produits ne sont pas livrables dans toutes les zones ; la fiche produit l’indique.' },
        ],
      },
      {
        heading: '8. Droit de rétractation',
        blocks: [
          { kind: 'p', text: 'Vous disposez d’un délai de 14 jours à compter de la réception des produits pour vous rétracter, sans avoir à motiver votre décision (art. L221-18 du Code de la consommation). Vous pouvez utiliser la fonction « Renoncer au contrat ici », le formulaire type de rétractation ou toute déclaration dénuée d’ambiguïté envoyée à ' + op.email + '.' },
          { kind: 'p', text: 'Les produits sont à retourner dans les 14 jours suivant votre rétractation, les frais de retour étant à votre charge. Nous vous remboursons la totalité des sommes versées, y compris les frais de livraison standard, dans les 14 jours suivant la rétractation, par le même moyen de paiement ; le remboursement peut être différé jusqu’à réception des produits.' },
          { kind: 'p', text: 'Conformément à l’article L221-28 du Code de la consommation, le droit de rétractation ne s’applique pas :' },
          { kind: 'ul', items: ['aux biens susceptibles de se détériorer ou de se périmer rapidement, notamment les fleurs coupées et compositions florales ;', 'aux biens confectionnés selon les spécifications du consommateur ou nettement personnalisés ;', 'aux biens descellés après la livraison et qui ne peuvent être renvoyés pour des raisons d’hygiène ou de protection de la santé ;', 'aux boissons alcoolisées dont la livraison est différée au-delà de trente jours et dont la valeur dépend de fluctuations du marché.'] },
          { kind: 'p', text: 'Chaque fiche produit indique si le droit de rétractation s’applique. Rhums, cafés, épices et confitures en bénéficient.' },
        ],
      },
      { heading: '9. Garanties légales', blocks: [{ kind: 'box', title: 'Garantie légale de conformité et garantie des vices cachés', paragraphs: GUARANTEE_BOX }, { kind: 'p', text: `Pour mettre en œuvre une garantie, écrivez à ${op.email} en joignant votre numéro de commande.` }] },
      {
        heading: '10. Réclamations et médiation',
        blocks: [
          { kind: 'p', text: `Pour toute réclamation, contactez d’abord notre service client (${op.email}, ${op.phone}).` },
          { kind: 'p', text: `À défaut de solution, vous pouvez saisir gratuitement le médiateur de la consommation dont nous relevons (art. L612-1 du Code de la consommation) : ${op.mediator.name}, ${op.mediator.address}, ${op.mediator.url}.` },
        ],
      },
      { heading: '11. Données personnelles', blocks: [{ kind: 'p', text: 'Les données nécessaires à la commande sont traitées conformément à notre politique de confidentialité.' }] },
      { heading: '12. Droit applicable', blocks: [{ kind: 'p', text: 'Les présentes conditions sont soumises au droit français. Le consommateur peut saisir, à son choix, la juridiction du lieu où il demeurait lors de la conclusion du contrat ou de la survenance du fait dommageable.' }] },
    ],
  }),
  notice: (op) => ({
    title: 'Mentions légales',
    description: `Mentions légales du site ${op.name} : éditeur, directeur de la publication, hébergeur, propriété intellectuelle.`,
    sections: [
      { heading: 'Éditeur du site', blocks: [{ kind: 'p', text: identity(op) }, { kind: 'p', text: `Directeur de la publication : ${op.publicationDirector}.` }] },
      { heading: 'Hébergeur', blocks: [{ kind: 'p', text: op.host }] },
      { heading: 'Propriété intellectuelle', blocks: [{ kind: 'p', text: 'Les textes, photographies et marques des producteurs restent leur propriété. Le logiciel Lakou est un logiciel libre distribué sous licence AGPL-3.0 ou ultérieure.' }] },
      { heading: 'Données de démonstration', blocks: [{ kind: 'p', text: 'Ce site de démonstration utilise des données inventées : producteurs, marques, numéros SIREN et de TVA, lots et prix sont fictifs. Les communes, catégories fiscales et règles citées sont réelles mais doivent être vérifiées avant tout usage réel.' }] },
    ],
  }),
  privacy: (op) => ({
    title: 'Politique de confidentialité',
    description: `Comment ${op.name} traite vos données personnelles (RGPD) : finalités, bases légales, durées de conservation, cookies et droits.`,
    sections: [
      { heading: 'Responsable du traitement', blocks: [{ kind: 'p', text: `${op.name}, ${op.address}. Contact pour toute question relative à vos données : ${op.email}.` }] },
      {
        heading: 'Données traitées et finalités',
        blocks: [
          { kind: 'ul', items: ['Commandes : identité, adresses, téléphone, e-mail, contenu de la commande, pour exécuter le contrat (base légale : contrat).', 'Facturation et comptabilité : factures conservées 10 ans (base légale : obligation légale, art. L123-22 du Code de commerce).', 'Service client : échanges liés à vos commandes (base légale : contrat et intérêt légitime).', 'Lettres d’information et offres : uniquement avec votre consentement, retirable à tout moment par le lien de désinscription.', 'Mesure d’audience interne, sans outil tiers : uniquement avec votre consentement.'] },
        ],
      },
      {
        heading: 'Cookies',
        blocks: [
          { kind: 'p', text: 'Le site n’utilise aucun cookie publicitaire ni de traceur tiers. Il dépose seulement ceux-ci (détail et choix sur la page « Cookies et mesure d’audience », /fr/cookies) :' },
          { kind: 'ul', items: COOKIE_REGISTER.map((c) => `${c.name} : ${c.purpose.fr} (${lifetimeText('fr', c)}${c.needsConsent ? ' ; seulement avec votre accord' : ''})`) },
        ],
      },
      { heading: 'Destinataires', blocks: [{ kind: 'p', text: 'Vos données sont destinées à notre équipe et, pour ce qui les concerne, au transporteur et au prestataire de paiement. Elles ne sont ni vendues ni louées. Elles sont hébergées dans l’Union européenne.' }] },
      { heading: 'Durées de conservation', blocks: [{ kind: 'p', text: 'Données de compte et de commande : pendant la relation commerciale puis 3 ans après la dernière commande pour la prospection ; pièces comptables : 10 ans ; données de paiement : le temps de la transaction, le cryptogramme n’étant jamais conservé.' }] },
      {
        heading: 'Vos droits',
        blocks: [
          { kind: 'p', text: `Vous disposez des droits d’accès, de rectification, d’effacement, de limitation, d’opposition et de portabilité, ainsi que du droit de définir des directives sur le sort de vos données après votre décès. Écrivez à ${op.email}. Nous répondons dans un délai d’un mois.` },
          { kind: 'p', text: 'Vous pouvez introduire une réclamation auprès de la CNIL (www.cnil.fr).' },
        ],
      },
    ],
  }),
  withdrawal: (op) => ({
    title: 'Formulaire de rétractation',
    description: 'Exercez votre droit de rétractation de 14 jours : fonction « Renoncer au contrat ici » et formulaire type de rétractation.',
    sections: [
      {
        heading: 'Renoncer au contrat en ligne',
        blocks: [
          { kind: 'p', text: 'Vous avez 14 jours à compter de la réception de votre commande pour vous rétracter, sauf pour les produits exclus (fleurs et produits périssables notamment, voir nos conditions générales de vente).' },
          { kind: 'p', text: 'Le moyen le plus simple : le bouton « Renoncer au contrat ici », présent sur la page de chaque commande de votre compte et dans l’e-mail de confirmation de commande pendant toute la durée du délai. Vous indiquez la commande et les produits concernés, puis vous cliquez sur « Confirmer la rétractation ». Nous vous envoyons aussitôt un accusé de réception par e-mail, avec la date et l’heure de votre rétractation.' },
          { kind: 'p', text: `Vous pouvez aussi nous adresser le formulaire ci-dessous, ou toute autre déclaration dénuée d’ambiguïté, par e-mail à ${op.email} ou par courrier à ${op.name}, ${op.address}.` },
        ],
      },
      {
        heading: 'Formulaire type de rétractation',
        blocks: [
          {
            kind: 'form',
            title: 'Formulaire de rétractation',
            intro: `(Veuillez compléter et renvoyer le présent formulaire uniquement si vous souhaitez vous rétracter du contrat.) À l’attention de ${op.name}, ${op.address}, ${op.email} :`,
            lines: [
              'Je/Nous (*) vous notifie/notifions (*) par la présente ma/notre (*) rétractation du contrat portant sur la vente du bien (*) ci-dessous :',
              'Commandé le (*) / reçu le (*) :',
              'Numéro de commande :',
              'Nom du (des) consommateur(s) :',
              'Adresse du (des) consommateur(s) :',
              'Signature du (des) consommateur(s) (uniquement en cas de notification du présent formulaire sur papier) :',
              'Date :',
            ],
            footnote: '(*) Rayez la mention inutile.',
          },
        ],
      },
    ],
  }),
}
