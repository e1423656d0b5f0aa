-- Documents: issued once per draft, and voided (作废) with a reason instead of deleted.
--
-- draft_id is the id the window gives a draft; a second 发文存档 of the same draft (a double click) is
-- refused when a document with it exists. It is a UUID made per draft, so no two offices' drafts share
-- one, and no UNIQUE constraint is needed that a merge could violate (DESIGN.md §4): the archive checks
-- it in the issuing transaction.
--
-- A voided document stays in the archive with when, why and by whom; lists show it as 已作废 and
-- counts leave it out.
ALTER TABLE documents ADD COLUMN draft_id TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN voided_at TEXT;
ALTER TABLE documents ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN voided_by TEXT NOT NULL DEFAULT '';
CREATE INDEX documents_draft ON documents (draft_id) WHERE draft_id <> '';
