-- Applications made through the workspace and the public form (issue 9): what the
-- applicant gave beyond 001's applicant_* columns, and how the receipt date was fixed
-- (Regulation Art. 31). Personal data: read through store_application_applicant, which
-- masks for everyone but the handlers of the owning agency.
ALTER TABLE applications ADD COLUMN applicant_id_kind TEXT;   -- resident_id | other
ALTER TABLE applications ADD COLUMN applicant_org_code TEXT;  -- 统一社会信用代码
ALTER TABLE applications ADD COLUMN applicant_email TEXT;
ALTER TABLE applications ADD COLUMN receipt_note TEXT;        -- how the receipt date was fixed
