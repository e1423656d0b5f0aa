-- 民情台账 import (backend/cases, ledger_import.go): what identifies a case that came from a row of an
-- office's Excel ledger, so that importing the same sheet again, or a sheet that overlaps it, creates
-- nothing twice. The columns travel with the case (cases is shared): an office that receives the cases
-- skips the same rows of the sheet too. Nothing is UNIQUE (a merge of two offices must not abort); the
-- import reads them all at once and checks at write time.
ALTER TABLE cases ADD COLUMN ledger_no TEXT NOT NULL DEFAULT '';   -- the sheet's own 编号, normalised; '' for none or a bare row count
ALTER TABLE cases ADD COLUMN ledger_key TEXT NOT NULL DEFAULT '';  -- hash of 登记日期, 反映人 and 反映事项; '' for a case not imported
