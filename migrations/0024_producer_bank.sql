-- Lakou 0024: a producer's bank account, so payment runs can pay it (the bank file had a blank
-- IBAN). Stored normalised (upper case, no spaces); the application checks the ISO 13616 mod-97
-- checksum, the database keeps the shape and that the three go together.
ALTER TABLE producers
  ADD COLUMN iban text,
  ADD COLUMN bic text,
  ADD COLUMN bank_account_holder text;

ALTER TABLE producers ADD CONSTRAINT producers_iban_shape CHECK (iban IS NULL OR iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$');
ALTER TABLE producers ADD CONSTRAINT producers_bic_shape CHECK (bic IS NULL OR bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$');
ALTER TABLE producers ADD CONSTRAINT producers_bank_complete
  CHECK ((iban IS NULL AND bic IS NULL AND bank_account_holder IS NULL) OR (iban IS NOT NULL AND bic IS NOT NULL AND bank_account_holder IS NOT NULL));
