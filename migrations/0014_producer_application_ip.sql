-- Lakou 0014: the public producer application form is rate limited per client address.
-- Only a keyed hash of the address is kept (personal data minimised), with its time.
ALTER TABLE producer_applications ADD COLUMN ip_hash text;
CREATE INDEX producer_applications_ip_idx ON producer_applications (ip_hash, submitted_at) WHERE ip_hash IS NOT NULL;
