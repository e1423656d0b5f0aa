-- A visit recorded by mistake is withdrawn (撤回), not erased: the row is tombstoned like any deleted
-- row, and the reason stays with it (and in the audit log, as the change made before the removal).
ALTER TABLE visits ADD COLUMN withdraw_reason TEXT NOT NULL DEFAULT '';
