-- The 民情 list sorted by any of its columns and paged deep into a broad filter (a category, a
-- period, a state): on a county of 200,000 cases, counting the cases of a category read a whole wide
-- index, and sorting the 30,000–50,000 cases such a filter picks took 60–220 ms a page. One index
-- per order, each holding every column the list filters by (the village and words aside: they pick
-- few cases and have indexes of their own), lets a page be read by walking the index in order and
-- stopping after it, and a filter on its first column be counted from it alone (backend/cases/
-- list_order.go). 类别 and 经办人 are in code-point order here: their few values are put in pinyin
-- order by the program. 反映事项 is in pinyin: any SQLite still reads the file, but writing a case
-- (or integrity_check, VACUUM) needs the pinyin collation, which every connection of this program
-- has (store/collate.go: the index is rebuilt when the collation changes).
CREATE INDEX cases_by_number ON cases (number, registered_on, state, category, source, level, handler, deadline, resolved_on) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_deadline ON cases (deadline, number, registered_on, state, category, source, level, handler, resolved_on) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_state ON cases (state, number, registered_on, category, source, level, handler, deadline, resolved_on) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_level ON cases (level, number, registered_on, state, category, source, handler, deadline, resolved_on) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_source ON cases (source, number, registered_on, state, category, level, handler, deadline, resolved_on) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_category ON cases (category, number, registered_on, state, source, level, handler, deadline, resolved_on) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_handler ON cases (handler, number, registered_on, state, category, source, level, deadline, resolved_on) WHERE deleted_at IS NULL;
CREATE INDEX cases_by_summary ON cases (summary COLLATE pinyin, number, registered_on, state, category, source, level, handler, deadline, resolved_on) WHERE deleted_at IS NULL;
