-- Words and the list (backend/cases/list_words.go): a search finds a few thousand cases at most
-- through the full-text index, but each was then looked up by its id in cases, a wide row, to be
-- filtered, counted and sorted: 60-120 ms on a county for 13,000 matches. The key of each case in the
-- index now holds the columns the list filters and sorts by, kept exact by triggers whoever writes
-- the case (a merge and an undo included), so a search is answered from the index and these rows,
-- and only the page's cases are read whole.
ALTER TABLE case_search_keys ADD COLUMN number        TEXT NOT NULL DEFAULT '';
ALTER TABLE case_search_keys ADD COLUMN registered_on TEXT NOT NULL DEFAULT '';
ALTER TABLE case_search_keys ADD COLUMN state         TEXT NOT NULL DEFAULT '';
ALTER TABLE case_search_keys ADD COLUMN category      TEXT NOT NULL DEFAULT '';
ALTER TABLE case_search_keys ADD COLUMN source        TEXT NOT NULL DEFAULT '';
ALTER TABLE case_search_keys ADD COLUMN level         TEXT NOT NULL DEFAULT '';
ALTER TABLE case_search_keys ADD COLUMN handler       TEXT NOT NULL DEFAULT '';
ALTER TABLE case_search_keys ADD COLUMN village_id    TEXT NOT NULL DEFAULT '';
ALTER TABLE case_search_keys ADD COLUMN deadline      TEXT NOT NULL DEFAULT '';
ALTER TABLE case_search_keys ADD COLUMN resolved_on   TEXT NOT NULL DEFAULT '';
ALTER TABLE case_search_keys ADD COLUMN summary       TEXT NOT NULL DEFAULT '';

UPDATE case_search_keys SET number = c.number, registered_on = c.registered_on, state = c.state, category = c.category,
    source = c.source, level = c.level, handler = c.handler, village_id = c.village_id, deadline = c.deadline,
    resolved_on = c.resolved_on, summary = c.summary
FROM cases c WHERE c.id = case_search_keys.case_id;

-- A key is made when its case is first written live (case_search_insert, case_search_update).
CREATE TRIGGER case_search_keys_fill AFTER INSERT ON case_search_keys
BEGIN
    UPDATE case_search_keys SET number = c.number, registered_on = c.registered_on, state = c.state, category = c.category,
        source = c.source, level = c.level, handler = c.handler, village_id = c.village_id, deadline = c.deadline,
        resolved_on = c.resolved_on, summary = c.summary
    FROM cases c WHERE c.id = NEW.case_id AND case_search_keys.k = NEW.k;
END;

CREATE TRIGGER case_search_keys_update AFTER UPDATE OF number, registered_on, state, category, source, level, handler,
    village_id, deadline, resolved_on, summary ON cases
BEGIN
    UPDATE case_search_keys SET number = NEW.number, registered_on = NEW.registered_on, state = NEW.state,
        category = NEW.category, source = NEW.source, level = NEW.level, handler = NEW.handler, village_id = NEW.village_id,
        deadline = NEW.deadline, resolved_on = NEW.resolved_on, summary = NEW.summary
    WHERE case_id = NEW.id;
END;
