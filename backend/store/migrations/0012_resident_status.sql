-- A resident who moves away (迁出) or dies (死亡) leaves the register but not the records: the row
-- stays live, with what happened, when, and a note (where to); lists and counts of the register
-- leave them out, the household's history and the search keep them. '' is in the register.
ALTER TABLE residents ADD COLUMN status TEXT NOT NULL DEFAULT '' CHECK (status IN ('', '迁出', '死亡'));
ALTER TABLE residents ADD COLUMN status_date TEXT NOT NULL DEFAULT '';
ALTER TABLE residents ADD COLUMN status_note TEXT NOT NULL DEFAULT '';

-- Officers also look people up by birth date (the digits inside an ID number: 19800512).
CREATE INDEX residents_birth ON residents (birth_date) WHERE birth_date <> '';
