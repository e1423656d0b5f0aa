-- 民情 case files (backend/cases): a resident's problem, request or dispute, carried round the loop
-- 发现 → 反映 → 解决 → 反馈. Both tables are shared (system columns): they travel between offices.
-- A case's number carries the office's short name (丹口-2026-0153), so two offices never give the
-- same one; nothing here is UNIQUE, so a merge of two offices' cases cannot abort.
CREATE TABLE cases (
    id            TEXT PRIMARY KEY,
    number        TEXT NOT NULL,                      -- 丹口-2026-0153
    source        TEXT NOT NULL CHECK (source IN ('走访', '来访', '电话', '恳谈会', '分析会', '网格员', '上级交办')),
    category      TEXT NOT NULL CHECK (length(category) BETWEEN 1 AND 20),
    urgency       TEXT NOT NULL DEFAULT '一般' CHECK (urgency IN ('一般', '紧急', '特急')),
    summary       TEXT NOT NULL CHECK (length(summary) BETWEEN 1 AND 60),   -- 反映事项, one line
    description   TEXT NOT NULL DEFAULT '',
    location      TEXT NOT NULL DEFAULT '',
    -- Where and who, by id from the registry (grid), or a person outside it by name and phone.
    village_id    TEXT NOT NULL DEFAULT '',
    household_id  TEXT NOT NULL DEFAULT '',
    resident_id   TEXT NOT NULL DEFAULT '',
    person_name   TEXT NOT NULL DEFAULT '',
    person_phone  TEXT NOT NULL DEFAULT '',
    visit_id      TEXT NOT NULL DEFAULT '',           -- the visit whose 后续事项 it came from
    state         TEXT NOT NULL CHECK (state IN ('登记', '受理', '不予受理', '办理中', '已办结', '已回访', '已归档')),
    level         TEXT NOT NULL CHECK (level IN ('邻', '组', '片', '村', '乡镇', '县')),
    handler       TEXT NOT NULL DEFAULT '',           -- the person it is assigned to, as written
    registered_on TEXT NOT NULL,                      -- ISO date
    limit_days    INTEGER NOT NULL CHECK (limit_days BETWEEN 1 AND 365),   -- working days
    deadline      TEXT NOT NULL,                      -- ISO date: limit_days working days after registered_on, extensions included
    resolved_on   TEXT NOT NULL DEFAULT '',
    resolved_level TEXT NOT NULL DEFAULT '',
    satisfaction  TEXT NOT NULL DEFAULT '' CHECK (satisfaction IN ('', '满意', '基本满意', '不满意')),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cases_number ON cases (number);
CREATE INDEX cases_open ON cases (state, deadline) WHERE deleted_at IS NULL;
CREATE INDEX cases_village ON cases (village_id, registered_on) WHERE deleted_at IS NULL;
CREATE INDEX cases_household ON cases (household_id) WHERE deleted_at IS NULL AND household_id <> '';

-- A case's timeline: every change of state, level, handler or deadline, with who, when and why.
-- Append-only: the program never changes an entry (the trigger refuses it; a tombstone, which only
-- sets deleted_at and updated_at, stays possible for a case registered by mistake).
CREATE TABLE case_events (
    id         TEXT PRIMARY KEY,
    case_id    TEXT NOT NULL REFERENCES cases (id),
    at         TEXT NOT NULL,                         -- RFC 3339, UTC: when it was recorded
    on_date    TEXT NOT NULL,                         -- ISO date: when it happened (an officer may record it later)
    action     TEXT NOT NULL,                         -- 登记, 受理, 上报, 交办, 办结, 回访 …
    from_state TEXT NOT NULL DEFAULT '',
    to_state   TEXT NOT NULL,
    level      TEXT NOT NULL DEFAULT '',
    handler    TEXT NOT NULL DEFAULT '',
    deadline   TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events (case_id, at);
CREATE TRIGGER case_events_append_only BEFORE UPDATE OF case_id, at, on_date, action, from_state, to_state, level, handler, deadline, note ON case_events
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only');
END;
CREATE INDEX cases_visit ON cases (visit_id) WHERE deleted_at IS NULL AND visit_id <> '';
