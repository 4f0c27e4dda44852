-- A run lists every instance it audited, comma-separated: VARCHAR(8000) refused every fleet audit of more than
-- ~450 instances ("value too long"), so large fleets' runs were never stored.
ALTER TABLE audit_run ALTER COLUMN instances TYPE TEXT;
