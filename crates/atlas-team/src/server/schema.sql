-- The bureau's shared atlas on PostgreSQL + PostGIS, created by `atlas team init`.
-- Every statement is idempotent: init runs it all again, in one transaction, to repair or upgrade.
--
-- Shape: one row per note, tour, tour stop and layer; each shared layer its own PostGIS table
-- (made by share_layer below), so QGIS and ogrinfo open it as a layer. Every row carries `rev`,
-- taken from one sequence by a trigger; writers serialise on one advisory lock, so revs become
-- visible in the order they were taken and a desktop's pull ("everything after rev N") never
-- skips a lower rev that commits later. Deletes leave a tombstone with its own rev.

CREATE SCHEMA IF NOT EXISTS atlas_team;
CREATE SEQUENCE IF NOT EXISTS atlas_team.rev_seq;

CREATE TABLE IF NOT EXISTS atlas_team.meta (key text PRIMARY KEY, value text NOT NULL);
INSERT INTO atlas_team.meta VALUES ('schema_version', '1') ON CONFLICT (key) DO NOTHING;

CREATE TABLE IF NOT EXISTS atlas_team.notes (
    gid uuid PRIMARY KEY,
    target_kind text NOT NULL CHECK (target_kind IN ('element', 'district', 'paragraph', 'feature')),
    target_id text NOT NULL,
    text text NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    owner name NOT NULL DEFAULT current_user,
    rev bigint NOT NULL DEFAULT 0,
    edited_by name,
    edited_at timestamptz,
    replica uuid
);
CREATE TABLE IF NOT EXISTS atlas_team.tours (
    gid uuid PRIMARY KEY,
    name_zh text NOT NULL,
    name_en text NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    owner name NOT NULL DEFAULT current_user,
    rev bigint NOT NULL DEFAULT 0,
    edited_by name,
    edited_at timestamptz,
    replica uuid
);
-- No foreign key to tours: a stop pushed after its tour was deleted elsewhere is a conflict to
-- record, not an error that would block the rest of the push.
CREATE TABLE IF NOT EXISTS atlas_team.tour_stops (
    gid uuid PRIMARY KEY,
    tour_gid uuid NOT NULL,
    ord integer NOT NULL,
    element_id text,
    min_x double precision,
    min_y double precision,
    max_x double precision,
    max_y double precision,
    layers jsonb NOT NULL DEFAULT '[]',
    caption_zh text NOT NULL,
    caption_en text NOT NULL,
    notes text NOT NULL DEFAULT '',
    rev bigint NOT NULL DEFAULT 0,
    edited_by name,
    edited_at timestamptz,
    replica uuid
);
CREATE TABLE IF NOT EXISTS atlas_team.layers (
    gid uuid PRIMARY KEY,
    name text NOT NULL,
    source text NOT NULL DEFAULT '',
    created_at text NOT NULL,
    -- The layer's typed fields: [{name, kind}] with GeoPackage's type names, sorted by name.
    fields jsonb NOT NULL DEFAULT '[]',
    table_name text NOT NULL UNIQUE,
    created_by name NOT NULL DEFAULT current_user,
    rev bigint NOT NULL DEFAULT 0,
    edited_by name,
    edited_at timestamptz,
    replica uuid
);
-- Who may edit a layer's features. The grants on the layer's table are what PostgreSQL enforces;
-- this table says the same thing in a form the desktops can list.
CREATE TABLE IF NOT EXISTS atlas_team.layer_editors (
    layer_gid uuid NOT NULL,
    role name NOT NULL,
    PRIMARY KEY (layer_gid, role)
);
CREATE TABLE IF NOT EXISTS atlas_team.tombstones (
    gid uuid PRIMARY KEY,
    entity text NOT NULL,
    layer_gid uuid,
    rev bigint NOT NULL,
    deleted_by name NOT NULL,
    deleted_at timestamptz NOT NULL
);
-- Two desktops changed the same row since they last synced: `kept` is the version that stays
-- current (the one that reached the server first), `other` the one that came second. Synced to
-- every desktop, resolved by anyone allowed to edit the row, and the resolution synced too.
CREATE TABLE IF NOT EXISTS atlas_team.conflicts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity text NOT NULL,
    gid uuid NOT NULL,
    layer_gid uuid,
    kept jsonb,
    kept_rev bigint NOT NULL,
    kept_by name,
    kept_at timestamptz,
    other jsonb,
    other_by name NOT NULL DEFAULT current_user,
    other_at timestamptz NOT NULL DEFAULT now(),
    other_replica uuid,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept_mine', 'kept_theirs', 'kept_both')),
    resolved_by name,
    rev bigint NOT NULL DEFAULT 0,
    edited_by name,
    edited_at timestamptz,
    replica uuid
);
-- One row per committed push with what happened to each change: a desktop whose connection
-- died during COMMIT looks its batch up here, so a push is never applied twice or forgotten.
CREATE TABLE IF NOT EXISTS atlas_team.batches (
    batch uuid PRIMARY KEY,
    replica uuid NOT NULL,
    pushed_by name NOT NULL DEFAULT current_user,
    pushed_at timestamptz NOT NULL DEFAULT now(),
    results jsonb NOT NULL
);

-- Each desktop's progress: the last rev it pulled, reported after its local pull committed (and
-- after its own pushes were applied locally). Pruning keeps every tombstone some desktop has yet
-- to pull and every push record its desktop may still look up (see prune below).
CREATE TABLE IF NOT EXISTS atlas_team.replicas (
    replica uuid PRIMARY KEY,
    role name NOT NULL DEFAULT session_user,
    pulled_rev bigint NOT NULL,
    reported_at timestamptz NOT NULL
);
-- Desktops that pushed before this table existed are known by their push records: they count as
-- having pulled nothing, and keep their push records, until they report.
INSERT INTO atlas_team.replicas (replica, role, pulled_rev, reported_at)
SELECT DISTINCT ON (replica) replica, pushed_by, 0, '-infinity' FROM atlas_team.batches ORDER BY replica, pushed_at
ON CONFLICT (replica) DO NOTHING;

CREATE INDEX IF NOT EXISTS notes_rev ON atlas_team.notes (rev);
CREATE INDEX IF NOT EXISTS tours_rev ON atlas_team.tours (rev);
CREATE INDEX IF NOT EXISTS tour_stops_rev ON atlas_team.tour_stops (rev);
CREATE INDEX IF NOT EXISTS layers_rev ON atlas_team.layers (rev);
CREATE INDEX IF NOT EXISTS tombstones_rev ON atlas_team.tombstones (rev);
CREATE INDEX IF NOT EXISTS conflicts_rev ON atlas_team.conflicts (rev);

-- Stamps every insert and update with the next rev, who and when. SECURITY DEFINER: editors may
-- not touch the sequence or the tombstones themselves. Edits made in QGIS are stamped too, so
-- the desktops pull them like any other.
CREATE OR REPLACE FUNCTION atlas_team.stamp() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, atlas_team AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7402141);
    NEW.rev := nextval('atlas_team.rev_seq');
    NEW.edited_by := session_user;
    NEW.edited_at := now();
    -- A row put back under its old id (keep mine after a deletion won) is no longer deleted.
    -- Not for conflicts: their gid names the row they are about, whose tombstone must stay.
    IF TG_OP = 'INSERT' AND TG_TABLE_NAME <> 'conflicts' THEN
        DELETE FROM atlas_team.tombstones WHERE gid = NEW.gid;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION atlas_team.bury() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, atlas_team AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7402141);
    INSERT INTO atlas_team.tombstones (gid, entity, layer_gid, rev, deleted_by, deleted_at)
    VALUES (OLD.gid, TG_ARGV[0], nullif(TG_ARGV[1], '')::uuid, nextval('atlas_team.rev_seq'), session_user, now())
    ON CONFLICT (gid) DO UPDATE SET rev = EXCLUDED.rev, deleted_by = EXCLUDED.deleted_by, deleted_at = EXCLUDED.deleted_at;
    RETURN OLD;
END $$;

CREATE OR REPLACE TRIGGER stamp BEFORE INSERT OR UPDATE ON atlas_team.notes FOR EACH ROW EXECUTE FUNCTION atlas_team.stamp();
CREATE OR REPLACE TRIGGER stamp BEFORE INSERT OR UPDATE ON atlas_team.tours FOR EACH ROW EXECUTE FUNCTION atlas_team.stamp();
CREATE OR REPLACE TRIGGER stamp BEFORE INSERT OR UPDATE ON atlas_team.tour_stops FOR EACH ROW EXECUTE FUNCTION atlas_team.stamp();
CREATE OR REPLACE TRIGGER stamp BEFORE INSERT OR UPDATE ON atlas_team.layers FOR EACH ROW EXECUTE FUNCTION atlas_team.stamp();
CREATE OR REPLACE TRIGGER stamp BEFORE INSERT OR UPDATE ON atlas_team.conflicts FOR EACH ROW EXECUTE FUNCTION atlas_team.stamp();
CREATE OR REPLACE TRIGGER bury AFTER DELETE ON atlas_team.notes FOR EACH ROW EXECUTE FUNCTION atlas_team.bury('note');
CREATE OR REPLACE TRIGGER bury AFTER DELETE ON atlas_team.tours FOR EACH ROW EXECUTE FUNCTION atlas_team.bury('tour');
CREATE OR REPLACE TRIGGER bury AFTER DELETE ON atlas_team.tour_stops FOR EACH ROW EXECUTE FUNCTION atlas_team.bury('stop');
CREATE OR REPLACE TRIGGER bury AFTER DELETE ON atlas_team.layers FOR EACH ROW EXECUTE FUNCTION atlas_team.bury('layer');

-- A desktop says how far it has pulled (only for itself: a row another role reported stays as
-- it is, so nobody can make the server forget what someone else still needs).
CREATE OR REPLACE FUNCTION atlas_team.report_pulled(p_replica uuid, p_pulled bigint) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, atlas_team AS $$
    INSERT INTO atlas_team.replicas AS r (replica, role, pulled_rev, reported_at)
    VALUES (p_replica, session_user, p_pulled, now())
    ON CONFLICT (replica) DO UPDATE SET pulled_rev = greatest(r.pulled_rev, EXCLUDED.pulled_rev), reported_at = EXCLUDED.reported_at
    WHERE r.role = session_user;
$$;

-- Forgets what no desktop needs any more: tombstones every known desktop has pulled (a desktop
-- new to the bureau pulls from nothing and needs none), and push records made before their
-- desktop's last report (by then it has applied their outcomes; see sync.rs). An edit pushed
-- later against a row whose tombstone is gone is still recorded as a conflict with a deletion
-- (push.rs: a row the server lacks, yet based on a rev).
CREATE OR REPLACE FUNCTION atlas_team.prune(OUT tombstones bigint, OUT batches bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, atlas_team AS $$
DECLARE
    everyone bigint;
BEGIN
    SELECT min(pulled_rev) INTO everyone FROM atlas_team.replicas;
    WITH gone AS (DELETE FROM atlas_team.tombstones WHERE rev <= coalesce(everyone, 0) RETURNING 1)
    SELECT count(*) INTO tombstones FROM gone;
    WITH gone AS (DELETE FROM atlas_team.batches b USING atlas_team.replicas r
                  WHERE b.replica = r.replica AND b.pushed_at < r.reported_at RETURNING 1)
    SELECT count(*) INTO batches FROM gone;
END $$;

-- Roles: cluster-wide group roles (NOLOGIN); a bureau's DBA makes login roles members of them.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'atlas_viewer') THEN CREATE ROLE atlas_viewer NOLOGIN; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'atlas_editor') THEN CREATE ROLE atlas_editor NOLOGIN; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'atlas_admin') THEN CREATE ROLE atlas_admin NOLOGIN; END IF;
END $$;
GRANT atlas_viewer TO atlas_editor;
GRANT atlas_editor TO atlas_admin;
-- An admin manages membership: may make others viewers or editors.
GRANT atlas_viewer TO atlas_admin WITH ADMIN OPTION;
GRANT atlas_editor TO atlas_admin WITH ADMIN OPTION;

CREATE OR REPLACE FUNCTION atlas_team.is_admin() RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT pg_has_role(current_user, 'atlas_admin', 'MEMBER') $$;

-- A desktop shares a layer, or changes a shared one: its own table (typed columns,
-- geometry(Geometry, 4326), GiST index, triggers, grants) made on first share; later calls
-- rename it (its sharer or an admin) or add fields (anyone who may edit its features).
-- Returns the layer row's new rev, or NULL when the row changed since p_base_rev (a conflict
-- for the caller to record).
CREATE OR REPLACE FUNCTION atlas_team.share_layer(p_gid uuid, p_row jsonb, p_base_rev bigint) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, atlas_team, public AS $$
DECLARE
    l atlas_team.layers;
    t text;
    f jsonb;
    new_fields jsonb;
    result bigint;
BEGIN
    IF NOT pg_has_role(session_user, 'atlas_editor', 'MEMBER') THEN
        RAISE EXCEPTION 'only an editor may share a layer, and % is not one: ask a bureau admin to run `atlas team member % --role editor`', session_user, session_user
            USING ERRCODE = '42501';
    END IF;
    SELECT * INTO l FROM atlas_team.layers WHERE gid = p_gid FOR UPDATE;
    IF NOT FOUND THEN
        t := 'layer_' || substr(replace(p_gid::text, '-', ''), 1, 12);
        EXECUTE format('CREATE TABLE atlas_team.%I (
            fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            gid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
            geom geometry(Geometry, 4326) NOT NULL,
            name_zh text NOT NULL DEFAULT %L,
            name_en text NOT NULL DEFAULT %L,
            category text NOT NULL DEFAULT %L,
            description text NOT NULL DEFAULT %L,
            created_at text NOT NULL DEFAULT now()::text,
            updated_at text NOT NULL DEFAULT now()::text,
            rev bigint NOT NULL DEFAULT 0,
            edited_by name,
            edited_at timestamptz,
            replica uuid)', t, '', '', '', '');
        EXECUTE format('CREATE INDEX %I ON atlas_team.%I USING gist (geom)', t || '_geom', t);
        EXECUTE format('CREATE INDEX %I ON atlas_team.%I (rev)', t || '_rev', t);
        EXECUTE format('CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON atlas_team.%I FOR EACH ROW EXECUTE FUNCTION atlas_team.stamp()', t);
        EXECUTE format('CREATE TRIGGER bury AFTER DELETE ON atlas_team.%I FOR EACH ROW EXECUTE FUNCTION atlas_team.bury(%L, %L)', t, 'feature', p_gid);
        EXECUTE format('COMMENT ON TABLE atlas_team.%I IS %L', t, p_row->>'name');
        EXECUTE format('GRANT SELECT ON atlas_team.%I TO atlas_viewer', t);
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON atlas_team.%I TO atlas_admin, %I', t, session_user);
        INSERT INTO atlas_team.layers (gid, name, source, created_at, table_name, created_by)
        VALUES (p_gid, p_row->>'name', coalesce(p_row->>'source', ''), p_row->>'created_at', t, session_user)
        RETURNING * INTO l;
        INSERT INTO atlas_team.layer_editors VALUES (p_gid, session_user) ON CONFLICT DO NOTHING;
    ELSIF l.rev <> p_base_rev THEN
        RETURN NULL;
    ELSIF (l.name, l.source) IS DISTINCT FROM (p_row->>'name', coalesce(p_row->>'source', ''))
          AND l.created_by <> session_user AND NOT pg_has_role(session_user, 'atlas_admin', 'MEMBER') THEN
        RAISE EXCEPTION 'layer "%" was shared by %; only they or a bureau admin may rename it', l.name, l.created_by
            USING ERRCODE = '42501';
    END IF;
    new_fields := l.fields;
    FOR f IN SELECT * FROM jsonb_array_elements(coalesce(p_row->'fields', '[]')) LOOP
        CONTINUE WHEN EXISTS (SELECT FROM jsonb_array_elements(new_fields) e WHERE lower(e->>'name') = lower(f->>'name'));
        IF lower(f->>'name') IN ('fid', 'gid', 'geom', 'rev', 'edited_by', 'edited_at', 'replica', 'name_zh', 'name_en',
                                 'category', 'description', 'created_at', 'updated_at') THEN
            RAISE EXCEPTION 'layer "%" has a field named "%", which the shared table uses itself: rename the field and sync again', l.name, f->>'name'
                USING ERRCODE = '42701';
        END IF;
        IF NOT has_table_privilege(session_user, format('atlas_team.%I', l.table_name), 'INSERT') THEN
            RAISE EXCEPTION 'you (%) may not add fields to layer "%": ask a bureau admin to grant it to you', session_user, l.name
                USING ERRCODE = '42501';
        END IF;
        EXECUTE format('ALTER TABLE atlas_team.%I ADD COLUMN IF NOT EXISTS %I %s', l.table_name, f->>'name',
            CASE upper(f->>'kind') WHEN 'INTEGER' THEN 'bigint' WHEN 'REAL' THEN 'double precision'
                 WHEN 'DATE' THEN 'date' WHEN 'BOOLEAN' THEN 'boolean' ELSE 'text' END);
        new_fields := new_fields || jsonb_build_array(jsonb_build_object('name', f->>'name', 'kind', upper(coalesce(f->>'kind', 'TEXT'))));
    END LOOP;
    -- Sorted by name in byte order, as the desktops send it.
    SELECT coalesce(jsonb_agg(e ORDER BY (e->>'name') COLLATE "C"), '[]') INTO new_fields FROM jsonb_array_elements(new_fields) e;
    UPDATE atlas_team.layers SET name = p_row->>'name', source = coalesce(p_row->>'source', ''), fields = new_fields
    WHERE gid = p_gid RETURNING rev INTO result;
    RETURN result;
END $$;

CREATE OR REPLACE FUNCTION atlas_team.drop_layer(p_gid uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, atlas_team, public AS $$
DECLARE
    l atlas_team.layers;
BEGIN
    SELECT * INTO l FROM atlas_team.layers WHERE gid = p_gid;
    IF NOT FOUND THEN RETURN; END IF;
    IF l.created_by <> session_user AND NOT pg_has_role(session_user, 'atlas_admin', 'MEMBER') THEN
        RAISE EXCEPTION 'layer "%" was shared by %; only they or a bureau admin may delete it', l.name, l.created_by
            USING ERRCODE = '42501';
    END IF;
    EXECUTE format('DROP TABLE IF EXISTS atlas_team.%I', l.table_name);
    DELETE FROM atlas_team.layer_editors WHERE layer_gid = p_gid;
    DELETE FROM atlas_team.layers WHERE gid = p_gid;
END $$;

-- An admin lets a role (a district office, a planner) edit a layer's features, or stops it.
CREATE OR REPLACE FUNCTION atlas_team.grant_layer(p_gid uuid, p_role name, p_allow boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, atlas_team, public AS $$
DECLARE
    t text;
BEGIN
    IF NOT pg_has_role(session_user, 'atlas_admin', 'MEMBER') THEN
        RAISE EXCEPTION 'only a bureau admin may grant layers, and % is not one', session_user USING ERRCODE = '42501';
    END IF;
    SELECT table_name INTO t FROM atlas_team.layers WHERE gid = p_gid;
    IF t IS NULL THEN
        RAISE EXCEPTION 'no shared layer %', p_gid USING ERRCODE = '42704';
    END IF;
    IF p_allow THEN
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON atlas_team.%I TO %I', t, p_role);
        INSERT INTO atlas_team.layer_editors VALUES (p_gid, p_role) ON CONFLICT DO NOTHING;
    ELSE
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON atlas_team.%I FROM %I', t, p_role);
        DELETE FROM atlas_team.layer_editors WHERE layer_gid = p_gid AND role = p_role;
    END IF;
END $$;

REVOKE ALL ON FUNCTION atlas_team.share_layer(uuid, jsonb, bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION atlas_team.drop_layer(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION atlas_team.grant_layer(uuid, name, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atlas_team.share_layer(uuid, jsonb, bigint) TO atlas_editor;
GRANT EXECUTE ON FUNCTION atlas_team.drop_layer(uuid) TO atlas_editor;
GRANT EXECUTE ON FUNCTION atlas_team.grant_layer(uuid, name, boolean) TO atlas_admin;
REVOKE ALL ON FUNCTION atlas_team.report_pulled(uuid, bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION atlas_team.prune() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atlas_team.report_pulled(uuid, bigint) TO atlas_viewer;
GRANT EXECUTE ON FUNCTION atlas_team.prune() TO atlas_viewer;

-- Grants: viewers read everything; editors write notes, tours and conflicts (rows limited by
-- the policies below) and share layers through share_layer.
GRANT USAGE ON SCHEMA atlas_team TO atlas_viewer;
GRANT SELECT ON atlas_team.meta, atlas_team.notes, atlas_team.tours, atlas_team.tour_stops, atlas_team.layers,
    atlas_team.layer_editors, atlas_team.tombstones, atlas_team.conflicts, atlas_team.batches, atlas_team.replicas TO atlas_viewer;
GRANT INSERT, UPDATE, DELETE ON atlas_team.notes, atlas_team.tours, atlas_team.tour_stops TO atlas_editor;
GRANT UPDATE (name, source, replica) ON atlas_team.layers TO atlas_editor;
GRANT INSERT, UPDATE (status, resolved_by, replica) ON atlas_team.conflicts TO atlas_editor;
GRANT INSERT ON atlas_team.batches TO atlas_editor;

-- Row-level security: an editor changes only what is theirs; an admin changes anything.
ALTER TABLE atlas_team.notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE atlas_team.tours ENABLE ROW LEVEL SECURITY;
ALTER TABLE atlas_team.tour_stops ENABLE ROW LEVEL SECURITY;
ALTER TABLE atlas_team.layers ENABLE ROW LEVEL SECURITY;
ALTER TABLE atlas_team.conflicts ENABLE ROW LEVEL SECURITY;
ALTER TABLE atlas_team.batches ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS read_all ON atlas_team.notes;
DROP POLICY IF EXISTS own_rows ON atlas_team.notes;
CREATE POLICY read_all ON atlas_team.notes FOR SELECT USING (true);
CREATE POLICY own_rows ON atlas_team.notes FOR ALL TO atlas_editor
    USING (owner = current_user OR atlas_team.is_admin()) WITH CHECK (owner = current_user OR atlas_team.is_admin());

DROP POLICY IF EXISTS read_all ON atlas_team.tours;
DROP POLICY IF EXISTS own_rows ON atlas_team.tours;
CREATE POLICY read_all ON atlas_team.tours FOR SELECT USING (true);
CREATE POLICY own_rows ON atlas_team.tours FOR ALL TO atlas_editor
    USING (owner = current_user OR atlas_team.is_admin()) WITH CHECK (owner = current_user OR atlas_team.is_admin());

DROP POLICY IF EXISTS read_all ON atlas_team.tour_stops;
DROP POLICY IF EXISTS own_rows ON atlas_team.tour_stops;
CREATE POLICY read_all ON atlas_team.tour_stops FOR SELECT USING (true);
-- A stop belongs to whoever owns its tour (a stop whose tour is gone may be pushed by anyone:
-- it becomes a recorded conflict, not a lost edit).
CREATE POLICY own_rows ON atlas_team.tour_stops FOR ALL TO atlas_editor
    USING (atlas_team.is_admin() OR NOT EXISTS (SELECT FROM atlas_team.tours t WHERE t.gid = tour_gid AND t.owner <> current_user))
    WITH CHECK (atlas_team.is_admin() OR NOT EXISTS (SELECT FROM atlas_team.tours t WHERE t.gid = tour_gid AND t.owner <> current_user));

DROP POLICY IF EXISTS read_all ON atlas_team.layers;
DROP POLICY IF EXISTS own_rows ON atlas_team.layers;
CREATE POLICY read_all ON atlas_team.layers FOR SELECT USING (true);
CREATE POLICY own_rows ON atlas_team.layers FOR UPDATE TO atlas_editor
    USING (created_by = current_user OR atlas_team.is_admin());

DROP POLICY IF EXISTS read_all ON atlas_team.conflicts;
DROP POLICY IF EXISTS record_own ON atlas_team.conflicts;
DROP POLICY IF EXISTS resolve ON atlas_team.conflicts;
CREATE POLICY read_all ON atlas_team.conflicts FOR SELECT USING (true);
CREATE POLICY record_own ON atlas_team.conflicts FOR INSERT TO atlas_editor WITH CHECK (other_by = current_user);
CREATE POLICY resolve ON atlas_team.conflicts FOR UPDATE TO atlas_editor
    USING (other_by = current_user OR kept_by = current_user OR atlas_team.is_admin());

DROP POLICY IF EXISTS read_all ON atlas_team.batches;
DROP POLICY IF EXISTS record_own ON atlas_team.batches;
CREATE POLICY read_all ON atlas_team.batches FOR SELECT USING (true);
CREATE POLICY record_own ON atlas_team.batches FOR INSERT TO atlas_editor WITH CHECK (pushed_by = current_user);
