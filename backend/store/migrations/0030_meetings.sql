-- Meetings and their minutes (backend/meetings): the monthly 民情分析会, the quarterly 恳谈会, the
-- 两委 and representatives' meetings, party members' assemblies and the representatives' yearly
-- review. Every table is shared (system columns): meetings travel between offices like cases.
-- Nothing is UNIQUE, so merging two offices' meetings cannot abort.
CREATE TABLE meetings (
    id           TEXT PRIMARY KEY,
    village_id   TEXT NOT NULL REFERENCES villages (id),
    kind         TEXT NOT NULL CHECK (kind IN ('民情分析会', '村(居)民恳谈会', '两委会议', '村民代表会议', '党员大会', '述职评议会')),
    title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
    held_on      TEXT NOT NULL,                     -- ISO date
    start_time   TEXT NOT NULL DEFAULT '',          -- 09:00
    end_time     TEXT NOT NULL DEFAULT '',
    place        TEXT NOT NULL DEFAULT '',
    host         TEXT NOT NULL DEFAULT '',          -- 主持人, as written
    recorder     TEXT NOT NULL DEFAULT '',          -- 记录人
    state        TEXT NOT NULL CHECK (state IN ('筹备', '进行中', '已定稿', '已取消')),
    record       TEXT NOT NULL DEFAULT '',          -- the verbatim record (会议记录), speaker by speaker
    opinion      TEXT NOT NULL DEFAULT '',          -- 会议认为: what the meeting found
    cancel_reason TEXT NOT NULL DEFAULT '',
    finalised_on TEXT NOT NULL DEFAULT '',          -- ISO date the recorder finalised the minutes
    finalised_by TEXT NOT NULL DEFAULT '',
    issue_no     TEXT NOT NULL DEFAULT '',          -- the 纪要's 期号, e.g. 第3期
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meetings_village ON meetings (village_id, held_on) WHERE deleted_at IS NULL;
-- The cadence reads every village's regular meetings of a year from this one index.
CREATE INDEX meetings_cadence ON meetings (kind, held_on, village_id, state, id) WHERE deleted_at IS NULL;

-- Who was invited and whether they came. A person from the registry keeps resident_id; anyone else
-- (a legal adviser, an officer) is named only. voting = 0 for those attending without a vote (列席).
CREATE TABLE meeting_members (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings (id),
    resident_id TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
    role        TEXT NOT NULL DEFAULT '',           -- 村民代表, 两委成员, 法律顾问, 党员 …
    voting      INTEGER NOT NULL DEFAULT 1 CHECK (voting IN (0, 1)),
    attendance  TEXT NOT NULL DEFAULT '' CHECK (attendance IN ('', '出席', '请假', '缺席', '列席')),
    reason      TEXT NOT NULL DEFAULT '',           -- of a leave
    arrived     TEXT NOT NULL DEFAULT '',           -- HH:MM of a late arrival
    left_early  TEXT NOT NULL DEFAULT '',           -- HH:MM of an early departure
    position    INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_members_meeting ON meeting_members (meeting_id, position) WHERE deleted_at IS NULL;
CREATE INDEX meeting_members_resident ON meeting_members (resident_id, meeting_id) WHERE deleted_at IS NULL AND resident_id <> '';

-- The agenda: free items, a case taken up, or a decision of an earlier meeting followed up.
CREATE TABLE meeting_items (
    id            TEXT PRIMARY KEY,
    meeting_id    TEXT NOT NULL REFERENCES meetings (id),
    position      INTEGER NOT NULL DEFAULT 0,
    title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    case_id       TEXT NOT NULL DEFAULT '',
    resolution_id TEXT NOT NULL DEFAULT '',         -- an earlier meeting's decision not yet carried out
    note          TEXT NOT NULL DEFAULT '',         -- what was said of it
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_items_meeting ON meeting_items (meeting_id, position) WHERE deleted_at IS NULL;

-- A decision (会议决定), with its vote when it was put to one. recused is a JSON list of the members
-- (meeting_members ids) who stepped out for a conflict of interest.
CREATE TABLE meeting_resolutions (
    id            TEXT PRIMARY KEY,
    meeting_id    TEXT NOT NULL REFERENCES meetings (id),
    item_id       TEXT NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0,
    text          TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
    voted         INTEGER NOT NULL DEFAULT 0 CHECK (voted IN (0, 1)),
    votes_for     INTEGER NOT NULL DEFAULT 0 CHECK (votes_for >= 0),
    votes_against INTEGER NOT NULL DEFAULT 0 CHECK (votes_against >= 0),
    votes_abstain INTEGER NOT NULL DEFAULT 0 CHECK (votes_abstain >= 0),
    recused       TEXT NOT NULL DEFAULT '[]',
    passed        INTEGER NOT NULL DEFAULT 1 CHECK (passed IN (0, 1)),
    handler       TEXT NOT NULL DEFAULT '',         -- who carries it out
    due_on        TEXT NOT NULL DEFAULT '',         -- ISO date by which
    done_on       TEXT NOT NULL DEFAULT '',         -- ISO date it was carried out ('' while not)
    done_note     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_resolutions_meeting ON meeting_resolutions (meeting_id, position) WHERE deleted_at IS NULL;

-- The cases a decision created or handed down: the decision sees what became of them, the case the
-- meeting it came from (cases.meeting_id, for those it created).
CREATE TABLE meeting_case_links (
    id            TEXT PRIMARY KEY,
    resolution_id TEXT NOT NULL REFERENCES meeting_resolutions (id),
    meeting_id    TEXT NOT NULL REFERENCES meetings (id),
    case_id       TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('立案', '交办', '指派')),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_case_links_resolution ON meeting_case_links (resolution_id) WHERE deleted_at IS NULL;
CREATE INDEX meeting_case_links_case ON meeting_case_links (case_id) WHERE deleted_at IS NULL;

-- A change to minutes already final is a dated addendum, never an edit. Append-only, like a case's
-- timeline.
CREATE TABLE meeting_addenda (
    id         TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings (id),
    on_date    TEXT NOT NULL,
    text       TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_addenda_meeting ON meeting_addenda (meeting_id, on_date) WHERE deleted_at IS NULL;
CREATE TRIGGER meeting_addenda_append_only BEFORE UPDATE OF meeting_id, on_date, text ON meeting_addenda
BEGIN
    SELECT RAISE(ABORT, 'meeting_addenda is append-only');
END;

-- A representative's yearly review (履职评议) by the village committee.
CREATE TABLE rep_reviews (
    id          TEXT PRIMARY KEY,
    resident_id TEXT NOT NULL,
    village_id  TEXT NOT NULL,
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    grade       TEXT NOT NULL CHECK (grade IN ('优秀', '称职', '基本称职', '不称职')),
    reasons     TEXT NOT NULL DEFAULT '',
    meeting_id  TEXT NOT NULL DEFAULT '',           -- the 述职评议会 that reviewed, if recorded
    reviewed_on TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rep_reviews_village ON rep_reviews (village_id, year) WHERE deleted_at IS NULL;
CREATE INDEX rep_reviews_resident ON rep_reviews (resident_id, year) WHERE deleted_at IS NULL;

-- The meeting a case came from (its decision created it); '' for none.
ALTER TABLE cases ADD COLUMN meeting_id TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_meeting ON cases (meeting_id) WHERE deleted_at IS NULL AND meeting_id <> '';
