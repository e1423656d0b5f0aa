-- The village legal advisers (一村一法律顾问) and their reviews of the contracts villages sign
-- (backend/contracts). Every table is shared (system columns) and nothing is UNIQUE, so two offices'
-- reviews merge without aborting; numbers carry the office's short name (DESIGN.md §4).

-- A legal adviser: the lawyer, the firm, the licence. The villages served are adviser_villages.
CREATE TABLE legal_advisers (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
    firm        TEXT NOT NULL DEFAULT '',           -- 执业机构 (律师事务所)
    licence_no  TEXT NOT NULL DEFAULT '',           -- 执业证号, 17 digits
    phone       TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);

-- A village an adviser serves, since when and until when ('' while serving). leader_id is the
-- registry's 法律顾问 post (grid's leaders) made with it, which the village's meetings invite.
CREATE TABLE adviser_villages (
    id          TEXT PRIMARY KEY,
    adviser_id  TEXT NOT NULL REFERENCES legal_advisers (id),
    village_id  TEXT NOT NULL REFERENCES villages (id),
    since       TEXT NOT NULL,                      -- ISO date
    until       TEXT NOT NULL DEFAULT '',
    leader_id   TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX adviser_villages_adviser ON adviser_villages (adviser_id) WHERE deleted_at IS NULL;
CREATE INDEX adviser_villages_village ON adviser_villages (village_id, until) WHERE deleted_at IS NULL;

-- A request for review: the contract a village means to sign, where it stands, and the evidence of
-- the democratic procedure a major contract needs. Its terms are in its versions; version is the
-- current one.
CREATE TABLE contract_requests (
    id              TEXT PRIMARY KEY,
    number          TEXT NOT NULL,                  -- 丹口-合审-2026-0012
    village_id      TEXT NOT NULL REFERENCES villages (id),
    title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
    type            TEXT NOT NULL CHECK (type IN ('土地流转', '工程承包', '集体资产租赁', '集体资产发包', '采购', '服务', '其他')),
    state           TEXT NOT NULL CHECK (state IN ('待审', '审查中', '已出具意见', '退回补充', '已签订', '已放弃')),
    adviser_id      TEXT NOT NULL DEFAULT '',
    submitted_by    TEXT NOT NULL CHECK (length(submitted_by) BETWEEN 1 AND 30),
    submitted_on    TEXT NOT NULL,                  -- ISO date of the first version
    review_days     INTEGER NOT NULL CHECK (review_days BETWEEN 1 AND 60),
    deadline        TEXT NOT NULL,                  -- ISO: the current version's review is due
    major           INTEGER NOT NULL DEFAULT 0 CHECK (major IN (0, 1)),
    resolution_id   TEXT NOT NULL DEFAULT '',       -- the 村民代表会议 decision (meeting_resolutions)
    no_resolution   TEXT NOT NULL DEFAULT '',       -- why none is needed
    version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    missing         TEXT NOT NULL DEFAULT '',       -- what a 退回补充 asked for
    signed_on       TEXT NOT NULL DEFAULT '',
    override_reason TEXT NOT NULL DEFAULT '',       -- signed against the opinion or without the procedure
    closed_reason   TEXT NOT NULL DEFAULT '',       -- why it was given up (已放弃)
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contract_requests_village ON contract_requests (village_id, submitted_on) WHERE deleted_at IS NULL;
CREATE INDEX contract_requests_state ON contract_requests (state, deadline) WHERE deleted_at IS NULL;
CREATE INDEX contract_requests_number ON contract_requests (number);

-- One version of the contract's terms, as submitted (the first) or resubmitted after revision.
-- payments is a JSON list of {"due": ISO date, "amountFen": n, "note": text}.
CREATE TABLE contract_versions (
    id               TEXT PRIMARY KEY,
    request_id       TEXT NOT NULL REFERENCES contract_requests (id),
    version          INTEGER NOT NULL CHECK (version >= 1),
    submitted_on     TEXT NOT NULL,
    counterparty     TEXT NOT NULL CHECK (length(counterparty) BETWEEN 1 AND 60),
    credit_code      TEXT NOT NULL DEFAULT '',      -- 统一社会信用代码, checked with its check character
    representative   TEXT NOT NULL DEFAULT '',      -- 法定代表人 or the person signing for them
    amount_fen       INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
    term_start       TEXT NOT NULL DEFAULT '',
    term_end         TEXT NOT NULL DEFAULT '',
    renewal          TEXT NOT NULL DEFAULT '',      -- 续约条款
    notice_days      INTEGER NOT NULL DEFAULT 0 CHECK (notice_days BETWEEN 0 AND 366),
    payments         TEXT NOT NULL DEFAULT '[]',
    change_note      TEXT NOT NULL DEFAULT '',      -- what the submitter says they changed
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contract_versions_request ON contract_versions (request_id, version) WHERE deleted_at IS NULL;

-- The adviser's opinion on one version: the checklist (JSON list of {"item", "result", "finding"}),
-- the conclusion and its reasons, reservations. The 合同审查意见书 is archived with it as its source.
CREATE TABLE contract_reviews (
    id            TEXT PRIMARY KEY,
    request_id    TEXT NOT NULL REFERENCES contract_requests (id),
    version_id    TEXT NOT NULL REFERENCES contract_versions (id),
    version       INTEGER NOT NULL,
    adviser_id    TEXT NOT NULL DEFAULT '',
    adviser_name  TEXT NOT NULL CHECK (length(adviser_name) BETWEEN 1 AND 30),
    checklist     TEXT NOT NULL DEFAULT '[]',
    conclusion    TEXT NOT NULL CHECK (conclusion IN ('同意签订', '修改后签订', '不同意签订')),
    reasons       TEXT NOT NULL DEFAULT '',
    reservations  TEXT NOT NULL DEFAULT '',
    issued_on     TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contract_reviews_request ON contract_reviews (request_id, version) WHERE deleted_at IS NULL;

-- A risk the adviser found, and, once a later version answers it, the version that did.
CREATE TABLE contract_risks (
    id             TEXT PRIMARY KEY,
    request_id     TEXT NOT NULL REFERENCES contract_requests (id),
    review_id      TEXT NOT NULL REFERENCES contract_reviews (id),
    position       INTEGER NOT NULL DEFAULT 0,
    level          TEXT NOT NULL CHECK (level IN ('高', '中', '低')),
    clause         TEXT NOT NULL DEFAULT '',
    problem        TEXT NOT NULL CHECK (length(problem) >= 1),
    revision       TEXT NOT NULL DEFAULT '',
    addressed_in   INTEGER NOT NULL DEFAULT 0,      -- the version that answered it; 0 while open
    addressed_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contract_risks_request ON contract_risks (request_id, position) WHERE deleted_at IS NULL;

-- What happened to a request, step by step. Append-only, like a case's timeline.
CREATE TABLE contract_events (
    id          TEXT PRIMARY KEY,
    request_id  TEXT NOT NULL REFERENCES contract_requests (id),
    at          TEXT NOT NULL,                      -- RFC 3339
    on_date     TEXT NOT NULL,                      -- ISO date the step counts from
    action      TEXT NOT NULL,
    from_state  TEXT NOT NULL DEFAULT '',
    to_state    TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 0,
    note        TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contract_events_request ON contract_events (request_id, at) WHERE deleted_at IS NULL;
CREATE TRIGGER contract_events_append_only BEFORE UPDATE OF request_id, at, on_date, action, from_state, to_state, version, note ON contract_events
BEGIN
    SELECT RAISE(ABORT, 'contract_events is append-only');
END;
