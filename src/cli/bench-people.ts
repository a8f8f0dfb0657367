// Word lists for the synthetic shoppers of the order generator (bench data): French and
// Antillean first and last names, accents included so accent-insensitive search is exercised.
// Lists are picked with a skew (first entries more often), as real names are: a few common
// surnames, a long tail of rare ones.

export const FIRST_NAMES = [
  'Marie', 'Jean', 'Camille', 'Léa', 'Nicolas', 'Julie', 'Thomas', 'Chloé', 'Sophie', 'Pierre', 'Emma', 'Lucas', 'Manon',
  'Hugo', 'Sarah', 'Louis', 'Inès', 'Antoine', 'Laura', 'Mathieu', 'Clément', 'Hélène', 'Céline', 'Jérôme', 'Zoé', 'Benoît',
  'Élodie', 'François', 'Maëlle', 'Noël', 'Agathe', 'Gaëlle', 'Loïc', 'Anaïs', 'Cédric', 'Frédéric', 'Aurélie', 'Stéphane',
  'Nathalie', 'Isabelle', 'Patrick', 'Valérie', 'Sylvie', 'Olivier', 'Christophe', 'Émilie', 'Juliette', 'Raphaël', 'Gabriel',
  'Jade', 'Louise', 'Arthur', 'Alice', 'Théo', 'Lina', 'Nathan', 'Rose', 'Mila', 'Éva', 'Adèle', 'Maxime', 'Romain', 'Yannick',
  'Rosette', 'Firmin', 'Josiane', 'Ludovic', 'Murielle', 'Rudy', 'Teddy', 'Johan', 'Cindy', 'Wilfried', 'Jocelyne', 'Marius',
  'Fabienne', 'Gérard', 'Lucienne', 'Dorothée', 'Harry', 'Nadège', 'Sully', 'Lorédana', 'Kévin', 'Mylène', 'Dimitri', 'Océane',
]

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent',
  'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Lefebvre',
  'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc',
  'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez',
  'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer', 'Denis', 'Lemaire', 'Duval', 'Joly',
  'Gautier', 'Roger', 'Roche', 'Roy', 'Noël', 'Meyer', 'Lucas', 'Meunier', 'Jean', 'Pérez', 'Marchand', 'Dufour', 'Blanchard',
  'Jean-Baptiste', 'Jean-Louis', 'Jean-Charles', 'Célestine', 'Bélair', 'Cornélie', 'Zénon', 'Anselme', 'Athanase', 'Baptiste',
  'Bellance', 'Bérenger', 'Calixte', 'Cyrille', 'Démosthène', 'Edouard', 'Éloi', 'Ferdinand', 'Florentin', 'Gustave',
  'Hippolyte', 'Isidore', 'Jacoby', 'Laguerre', 'Lautric', 'Marie-Sainte', 'Mirande', 'Narcisse', 'Numa', 'Ozier-Lafontaine',
  'Pamphile', 'Placide', 'Quénette', 'Romuald', 'Saint-Éloi', 'Sainte-Rose', 'Sylvestre', 'Théodore', 'Trésor', 'Ursule',
  'Valentin', 'Vitalis', 'Zamor', 'Zébina', 'Agénor', 'Alexis', 'Apollon', 'Arsène', 'Bazile', 'Borromée', 'Catayée',
  'Chérubin', 'Dalmat', 'Désir', 'Dorville', 'Étienne', 'Félicité', 'Gaspard', 'Germain', 'Hilaire', 'Ignace', 'Jabot',
  'Lacroix', 'Larcher', 'Lucette', 'Magloire', 'Médard', 'Nestor', 'Olympe', 'Pélage', 'Rémy', 'Salomon', 'Siméon', 'Thélier',
]

export const EMAIL_DOMAINS = ['gmail.com', 'orange.fr', 'wanadoo.fr', 'free.fr', 'hotmail.fr', 'laposte.net', 'yahoo.fr', 'outlook.fr', 'sfr.fr', 'icloud.com']

export const STREETS = [
  'rue de la République', 'avenue Jean Jaurès', 'rue Victor Hugo', 'boulevard Pasteur', 'rue des Flamboyants', 'chemin de la Rivière',
  'rue Schœlcher', 'allée des Hibiscus', 'rue du Port', 'place de la Victoire', 'rue Gambetta', 'impasse des Manguiers',
  'rue Frébault', 'route de la Traversée', 'rue des Écoles', 'avenue de la Liberté',
]

/** [postal code, city] where mainland shoppers live. */
export const MAINLAND_CITIES: readonly (readonly [string, string])[] = [
  ['75011', 'Paris'], ['75018', 'Paris'], ['69003', 'Lyon'], ['13006', 'Marseille'], ['33000', 'Bordeaux'], ['31000', 'Toulouse'],
  ['44000', 'Nantes'], ['59000', 'Lille'], ['35000', 'Rennes'], ['34000', 'Montpellier'], ['67000', 'Strasbourg'], ['06000', 'Nice'],
  ['38000', 'Grenoble'], ['93200', 'Saint-Denis'], ['94000', 'Créteil'], ['76000', 'Rouen'], ['21000', 'Dijon'], ['37000', 'Tours'],
]

/** [postal code, city] in Guadeloupe. */
export const GUADELOUPE_CITIES: readonly (readonly [string, string])[] = [
  ['97110', 'Pointe-à-Pitre'], ['97139', 'Les Abymes'], ['97122', 'Baie-Mahault'], ['97190', 'Le Gosier'], ['97180', 'Sainte-Anne'],
  ['97100', 'Basse-Terre'], ['97160', 'Le Moule'], ['97130', 'Capesterre-Belle-Eau'], ['97115', 'Sainte-Rose'], ['97170', 'Petit-Bourg'],
  ['97118', 'Saint-François'], ['97120', 'Saint-Claude'],
]
