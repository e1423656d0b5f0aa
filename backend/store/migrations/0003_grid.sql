-- The grid registry: villages (村/社区) → pieces (片) → groups (组) → neighbourhoods (邻) →
-- households (户) → residents; who leads what; and representatives' visits to households.
-- Every table is shared: UUIDv7 keys, tombstones, written only through the versioned write path.

CREATE TABLE villages (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    kind       TEXT NOT NULL DEFAULT 'village' CHECK (kind IN ('village', 'community')),
    sort_key   TEXT NOT NULL DEFAULT '',          -- pinyin of the name, for ordering
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX villages_sort ON villages (sort_key) WHERE deleted_at IS NULL;

CREATE TABLE pieces (
    id         TEXT PRIMARY KEY,
    village_id TEXT NOT NULL REFERENCES villages (id),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    seq        INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pieces_village ON pieces (village_id, seq);

CREATE TABLE groups (
    id         TEXT PRIMARY KEY,
    piece_id   TEXT NOT NULL REFERENCES pieces (id),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    seq        INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX groups_piece ON groups (piece_id, seq);

CREATE TABLE neighbourhoods (
    id         TEXT PRIMARY KEY,
    group_id   TEXT NOT NULL REFERENCES groups (id),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    seq        INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX neighbourhoods_group ON neighbourhoods (group_id, seq);

CREATE TABLE households (
    id               TEXT PRIMARY KEY,
    neighbourhood_id TEXT NOT NULL REFERENCES neighbourhoods (id),
    village_id       TEXT NOT NULL REFERENCES villages (id),   -- the neighbourhood's, kept with it
    code             TEXT NOT NULL DEFAULT '',     -- 户编号, unique within the village
    address          TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    tags             TEXT NOT NULL DEFAULT '',     -- key-household tags, separated by 、
    is_key           INTEGER NOT NULL DEFAULT 0,   -- 1 when it has any tag: visited monthly
    notes            TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX households_neighbourhood ON households (neighbourhood_id) WHERE deleted_at IS NULL;
CREATE INDEX households_village_code ON households (village_id, code);
CREATE INDEX households_address ON households (address);

CREATE TABLE residents (
    id            TEXT PRIMARY KEY,
    household_id  TEXT NOT NULL REFERENCES households (id),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
    name_pinyin   TEXT NOT NULL DEFAULT '',        -- zhangsan
    name_initials TEXT NOT NULL DEFAULT '',        -- zs
    relation      TEXT NOT NULL DEFAULT '',        -- 与户主关系; 户主 marks the head
    id_number     TEXT NOT NULL DEFAULT '',
    id_rev        TEXT NOT NULL DEFAULT '',        -- id_number reversed, for searching by its last digits
    sex           TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', '男', '女')),
    birth_date    TEXT NOT NULL DEFAULT '',
    ethnicity     TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    phone_rev     TEXT NOT NULL DEFAULT '',
    party_member  INTEGER NOT NULL DEFAULT 0,
    notes         TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX residents_household ON residents (household_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX residents_id_number ON residents (id_number) WHERE id_number <> '' AND deleted_at IS NULL;
CREATE INDEX residents_id_rev ON residents (id_rev) WHERE id_rev <> '';
CREATE INDEX residents_name ON residents (name);
CREATE INDEX residents_pinyin ON residents (name_pinyin);
-- Covering: a short initials query ("zs") matches thousands, sorted by pinyin from the index alone.
CREATE INDEX residents_initials ON residents (name_initials, name_pinyin, name, deleted_at);
CREATE INDEX residents_phone ON residents (phone) WHERE phone <> '';
CREATE INDEX residents_phone_rev ON residents (phone_rev) WHERE phone_rev <> '';

-- Who leads what, with terms of office. The person is a resident where there is one (a legal
-- adviser usually is not); person_name and phone are kept either way.
CREATE TABLE leaders (
    id          TEXT PRIMARY KEY,
    role        TEXT NOT NULL CHECK (role IN ('piece_leader', 'group_leader', 'neighbourhood_leader',
                                              'committee_member', 'legal_adviser')),
    scope_table TEXT NOT NULL CHECK (scope_table IN ('villages', 'pieces', 'groups', 'neighbourhoods')),
    scope_id    TEXT NOT NULL,
    resident_id TEXT REFERENCES residents (id),
    person_name TEXT NOT NULL CHECK (length(person_name) BETWEEN 1 AND 30),
    phone       TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',          -- e.g. 村委委员, 党支部书记
    term_start  TEXT NOT NULL DEFAULT '',
    term_end    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX leaders_scope ON leaders (scope_id, role) WHERE deleted_at IS NULL;
CREATE INDEX leaders_resident ON leaders (resident_id);

-- A representative's visit (走访) to a household.
CREATE TABLE visits (
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households (id),
    leader_id    TEXT REFERENCES leaders (id),
    visitor_name TEXT NOT NULL CHECK (length(visitor_name) BETWEEN 1 AND 30),
    visit_date   TEXT NOT NULL,
    form         TEXT NOT NULL CHECK (form IN ('入户', '电话', '集中')),
    findings     TEXT NOT NULL DEFAULT '',
    follow_up    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX visits_household ON visits (household_id, visit_date) WHERE deleted_at IS NULL;
CREATE INDEX visits_leader ON visits (leader_id, visit_date);
