-- Lakou 0012: catalogue editing in the back office (issue 5). PostgreSQL 15 syntax; PGlite accepts it too.

-- Optimistic concurrency: an edit names the version it was made from; a stale one is refused
-- (products have had their version since 0001).
ALTER TABLE categories ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE collections ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE producers ADD COLUMN version integer NOT NULL DEFAULT 1;

-- A producer's one-line tagline, beside its story, per language.
ALTER TABLE producers ADD COLUMN tagline_fr text;
ALTER TABLE producers ADD COLUMN tagline_en text;

-- UNIQUE (parent_id, slug_*) lets top categories share a slug (NULLs are distinct): close that gap.
CREATE UNIQUE INDEX categories_top_slug_fr_key ON categories (slug_fr) WHERE parent_id IS NULL;
CREATE UNIQUE INDEX categories_top_slug_en_key ON categories (slug_en) WHERE parent_id IS NULL;
