/// The schema, as numbered steps. `PRAGMA user_version` records the last step applied;
/// a new step is appended, never edited once released.
enum Migrations {
    static let steps: [String] = [
        // 1: admins, sessions, settings, profiles.
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE admins (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            admin_id INTEGER NOT NULL REFERENCES admins(id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL
        );
        CREATE INDEX sessions_admin ON sessions(admin_id);
        CREATE TABLE login_failures (
            subject TEXT PRIMARY KEY,
            failures INTEGER NOT NULL,
            last_failure_at INTEGER NOT NULL
        );
        CREATE TABLE profiles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            host TEXT NOT NULL,
            port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
            security TEXT NOT NULL CHECK (security IN ('ssl', 'starttls', 'none')),
            sender_name TEXT NOT NULL DEFAULT '',
            sender_email TEXT NOT NULL,
            login TEXT NOT NULL,
            password_sealed BLOB NOT NULL,
            is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
            max_per_day INTEGER NOT NULL CHECK (max_per_day >= 1),
            interval_minutes INTEGER NOT NULL CHECK (interval_minutes >= 0),
            batch_size INTEGER NOT NULL CHECK (batch_size >= 1),
            priority_per_day INTEGER NOT NULL CHECK (priority_per_day BETWEEN 0 AND max_per_day),
            state TEXT NOT NULL DEFAULT 'ok' CHECK (state IN ('ok', 'broken', 'paused')),
            state_reply TEXT NOT NULL DEFAULT '',
            state_since INTEGER,
            paused_until INTEGER,
            last_regular_batch_at INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        -- At most one default; "at least one" is kept by the transactions in ProfileStore.
        CREATE UNIQUE INDEX profiles_one_default ON profiles(is_default) WHERE is_default = 1;
        """,
        // 2: the outbox, its attempts, and the send log the limits count.
        """
        CREATE TABLE letters (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER REFERENCES profiles(id) ON DELETE SET NULL,
            profile_name TEXT NOT NULL DEFAULT '',
            event TEXT NOT NULL DEFAULT '',
            to_address TEXT NOT NULL,
            to_name TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL,
            body_text TEXT NOT NULL,
            body_html TEXT NOT NULL DEFAULT '',
            message_id TEXT NOT NULL UNIQUE,
            priority INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),
            is_test INTEGER NOT NULL DEFAULT 0 CHECK (is_test IN (0, 1)),
            status TEXT NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
            phase TEXT CHECK (phase IN ('claimed', 'data_sent')),
            claim_owner TEXT,
            lease_until INTEGER,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            last_reply TEXT NOT NULL DEFAULT '',
            possible_duplicate INTEGER NOT NULL DEFAULT 0,
            -- The sends row of the current claim: kept if the letter may have left, removed if not.
            send_id INTEGER,
            idempotency_key TEXT UNIQUE,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            sent_at INTEGER
        );
        -- A profile's due letters of one class, longest waiting first.
        CREATE INDEX letters_due ON letters(status, profile_id, priority, next_attempt_at, id);
        -- "Is anything due at all?": the one query of an idle cron run.
        CREATE INDEX letters_next ON letters(status, next_attempt_at);
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
            profile_name TEXT NOT NULL,
            at INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            step TEXT NOT NULL DEFAULT '',
            reply TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX attempts_letter ON attempts(letter_id);
        -- Every transmission that may have reached the mail host, for the rolling 24-hour limits.
        CREATE TABLE sends (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            letter_id INTEGER REFERENCES letters(id) ON DELETE SET NULL,
            priority INTEGER NOT NULL CHECK (priority IN (0, 1)),
            at INTEGER NOT NULL
        );
        CREATE INDEX sends_profile_at ON sends(profile_id, at);
        """,
        // 3: events with their letter templates, and API tokens for the shop's backend.
        """
        CREATE TABLE events (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_en TEXT NOT NULL DEFAULT '',
            builtin INTEGER NOT NULL DEFAULT 0,
            enabled INTEGER NOT NULL DEFAULT 1,
            profile_id INTEGER REFERENCES profiles(id) ON DELETE SET NULL,
            priority INTEGER NOT NULL DEFAULT 0,
            subject TEXT NOT NULL,
            html TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            sample TEXT NOT NULL DEFAULT '{}',
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE api_tokens (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            token_hash TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL,
            last_used_at INTEGER,
            revoked_at INTEGER
        );
        """,
        // 4: the journal. Each filter pages newest first through its own index, read without
        // touching the rows: an index also holds the rowid, so (status, id), (profile_id, id),
        // (event, id) and (status, profile_id, id) give `status = ? AND id < ? ORDER BY id DESC
        // LIMIT 51` directly ("a profile's failed letters" is the common pair). Recipients are
        // searched by any part of the address or name, in any case and script, through a trigram
        // full-text index kept by triggers (DESIGN.md §3, «Журнал»).
        """
        CREATE INDEX letters_status ON letters(status);
        CREATE INDEX letters_status_profile ON letters(status, profile_id);
        CREATE INDEX letters_profile ON letters(profile_id);
        CREATE INDEX letters_event ON letters(event);
        CREATE INDEX letters_created ON letters(created_at);
        CREATE VIRTUAL TABLE letters_search USING fts5(
            to_address, to_name, content = 'letters', content_rowid = 'id', tokenize = 'trigram'
        );
        INSERT INTO letters_search(letters_search) VALUES ('rebuild');
        CREATE TRIGGER letters_search_insert AFTER INSERT ON letters BEGIN
            INSERT INTO letters_search(rowid, to_address, to_name) VALUES (new.id, new.to_address, new.to_name);
        END;
        CREATE TRIGGER letters_search_delete AFTER DELETE ON letters BEGIN
            INSERT INTO letters_search(letters_search, rowid, to_address, to_name)
                VALUES ('delete', old.id, old.to_address, old.to_name);
        END;
        CREATE TRIGGER letters_search_update AFTER UPDATE OF to_address, to_name ON letters BEGIN
            INSERT INTO letters_search(letters_search, rowid, to_address, to_name)
                VALUES ('delete', old.id, old.to_address, old.to_name);
            INSERT INTO letters_search(rowid, to_address, to_name) VALUES (new.id, new.to_address, new.to_name);
        END;
        """,
        // 5: when each background job last finished, for `mailrobot-admin doctor` ("the sender ran
        // in the last 5 minutes").
        """
        CREATE TABLE heartbeats (
            name TEXT PRIMARY KEY,
            at INTEGER NOT NULL
        );
        """,
        // 6: the delivery window paid once per batch (docs/delivery.md). A claim records the
        // letter's place in its run's order of sending and the boot of the machine it was made
        // in, so that a run that died is read from its claims alone: after a crash of the run,
        // only the first unfinished letter can have been on the wire; after a reboot (a power
        // cut may have taken back outcomes not yet on disk), every unfinished one can.
        """
        ALTER TABLE letters ADD COLUMN claim_seq INTEGER;
        ALTER TABLE letters ADD COLUMN claim_boot TEXT;
        """,
        // 7: hardening (issue 10). A profile sends its login in clear text («Разрешить пароль без
        // шифрования») or reaches a host on a loopback, link-local or private network only when
        // the admin allowed it: off for every new profile. A profile that already did either
        // before this step keeps doing it, so that an upgrade does not stop a shop's mail: SSL
        // «Нет» with a login allows the clear-text login; a host written as a loopback or private
        // address (or `localhost`) allows private hosts. The host test is an approximation on the
        // text as typed (IPv6 literals may be bracketed); the transport itself decides on the
        // address it connects to (`AddressScope`). The login throttle forgets old counts through
        // an index instead of scanning the table inside the login transaction.
        """
        ALTER TABLE profiles ADD COLUMN allow_plain_auth INTEGER NOT NULL DEFAULT 0
            CHECK (allow_plain_auth IN (0, 1));
        ALTER TABLE profiles ADD COLUMN allow_private_host INTEGER NOT NULL DEFAULT 0
            CHECK (allow_private_host IN (0, 1));
        UPDATE profiles SET allow_plain_auth = 1 WHERE security = 'none' AND login <> '';
        UPDATE profiles SET allow_private_host = 1 WHERE EXISTS (
            SELECT 1 FROM (SELECT lower(trim(profiles.host, '[]')) AS h)
            WHERE h = 'localhost' OR h GLOB '127.[0-9]*' OR h GLOB '10.[0-9]*' OR h GLOB '192.168.[0-9]*'
                OR h GLOB '172.1[6-9].[0-9]*' OR h GLOB '172.2[0-9].[0-9]*' OR h GLOB '172.3[01].[0-9]*'
                OR h GLOB '169.254.[0-9]*' OR h = '::1'
                OR (h GLOB '*:*' AND (h GLOB 'f[cd]*' OR h GLOB 'fe[89ab]*'))
        );
        CREATE INDEX login_failures_last ON login_failures(last_failure_at);
        """,
        // 8: what checks and runs showed about a profile, for its state in words (DESIGN.md §6:
        // «Не проверен» until a first successful check or send; «Ошибка: …» after a failure newer
        // than it). A profile that has sent before this step counts as checked.
        """
        ALTER TABLE profiles ADD COLUMN last_success_at INTEGER;
        ALTER TABLE profiles ADD COLUMN last_failure TEXT NOT NULL DEFAULT '';
        ALTER TABLE profiles ADD COLUMN last_failure_at INTEGER;
        UPDATE profiles SET last_success_at =
            (SELECT max(sent_at) FROM letters WHERE letters.profile_id = profiles.id AND letters.status = 'sent');
        """,
        // 9: failed letters counted per profile, kept by triggers. «Журнал» of one profile offers
        // «Повторить все письма с ошибкой (N)» on every page: counting N in the index costs a
        // millisecond per 20,000 failed letters, reading it here nothing. A trigger does work only
        // when a letter enters or leaves `failed`, not on the sender's queued → sending → sent.
        """
        CREATE TABLE failed_counts (
            profile_id INTEGER PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
            failed INTEGER NOT NULL
        );
        INSERT INTO failed_counts (profile_id, failed)
            SELECT profile_id, count(*) FROM letters WHERE status = 'failed' AND profile_id IS NOT NULL
            GROUP BY profile_id;
        CREATE TRIGGER failed_counts_insert AFTER INSERT ON letters
            WHEN new.status = 'failed' AND new.profile_id IS NOT NULL
        BEGIN
            INSERT INTO failed_counts (profile_id, failed) VALUES (new.profile_id, 1)
                ON CONFLICT (profile_id) DO UPDATE SET failed = failed + 1;
        END;
        CREATE TRIGGER failed_counts_delete AFTER DELETE ON letters
            WHEN old.status = 'failed' AND old.profile_id IS NOT NULL
        BEGIN
            UPDATE failed_counts SET failed = failed - 1 WHERE profile_id = old.profile_id;
        END;
        CREATE TRIGGER failed_counts_update AFTER UPDATE OF status, profile_id ON letters
            WHEN (old.status = 'failed' AND old.profile_id IS NOT NULL)
                OR (new.status = 'failed' AND new.profile_id IS NOT NULL)
        BEGIN
            UPDATE failed_counts SET failed = failed - 1
                WHERE old.status = 'failed' AND profile_id = old.profile_id;
            INSERT INTO failed_counts (profile_id, failed)
                SELECT new.profile_id, 1 WHERE new.status = 'failed' AND new.profile_id IS NOT NULL
                ON CONFLICT (profile_id) DO UPDATE SET failed = failed + 1;
        END;
        """,
        // 10: «Резервный профиль» (issue 14). A profile may name another as its reserve; deleting the
        // reserve clears the link. A letter sent through a reserve keeps its own profile and records
        // the one that actually sent it and the From it went with; `via_profile_id` is the reserve
        // whose run holds its claim, and stays on a letter whose attempt through the reserve was
        // ambiguous («возможен дубль»): such a letter goes again only through that mailbox, and no
        // longer counts among its own profile's due letters (`letters_due`, now partial). Letters
        // sent before this step were sent by their own profile; their From was not recorded.
        """
        ALTER TABLE profiles ADD COLUMN reserve_profile_id INTEGER REFERENCES profiles(id) ON DELETE SET NULL;
        ALTER TABLE letters ADD COLUMN via_profile_id INTEGER REFERENCES profiles(id) ON DELETE SET NULL;
        ALTER TABLE letters ADD COLUMN via_reserve INTEGER NOT NULL DEFAULT 0 CHECK (via_reserve IN (0, 1));
        ALTER TABLE letters ADD COLUMN sent_profile_name TEXT NOT NULL DEFAULT '';
        ALTER TABLE letters ADD COLUMN sent_from TEXT NOT NULL DEFAULT '';
        CREATE INDEX letters_via ON letters(via_profile_id) WHERE via_profile_id IS NOT NULL;
        -- A profile's own due letters leave out those that may go again only through a reserve, and
        -- planning still reads the index alone (SQLite 3.40 calls a partial index covering only when
        -- it holds the column of its own WHERE).
        DROP INDEX letters_due;
        CREATE INDEX letters_due ON letters(status, profile_id, priority, next_attempt_at, id, via_profile_id)
            WHERE via_profile_id IS NULL;
        UPDATE letters SET sent_profile_name = profile_name WHERE status = 'sent';
        """,
        // 11 (issue 13, alerts): the state last announced to the admins per profile («Кому сообщать о
        // сбоях»), so that each change of state is announced once, and when it was announced.
        """
        ALTER TABLE profiles ADD COLUMN alert_state TEXT NOT NULL DEFAULT 'ok'
            CHECK (alert_state IN ('ok', 'broken', 'paused', 'slow'));
        ALTER TABLE profiles ADD COLUMN alert_changed_at INTEGER;
        """,
        // 12 (issue 13): letters sent and failed per quarter of an hour and profile, for «Обзор»'s
        // chart of 30 days without reading the journal (a million letters). Quarter hours in UTC,
        // so any time zone's days (and a change of the shop's zone) add up from them. Kept by
        // triggers, in the statement (so the transaction) that makes a letter sent or failed,
        // whatever the path (a run, a recovery, the journal's actions); a letter counts on the
        // day it became so, and is not taken back when it is retried or deleted later. Profile 0:
        // none (deleted). Filled from the journal as it stands.
        """
        CREATE TABLE letter_tallies (
            slot INTEGER NOT NULL,
            profile_id INTEGER NOT NULL,
            sent INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (slot, profile_id)
        ) WITHOUT ROWID;
        INSERT INTO letter_tallies (slot, profile_id, sent, failed)
            SELECT slot, profile, sum(sent), sum(failed) FROM (
                SELECT coalesce(sent_at, updated_at) / 900 AS slot, coalesce(profile_id, 0) AS profile, 1 AS sent,
                    0 AS failed FROM letters WHERE status = 'sent'
                UNION ALL
                SELECT updated_at / 900, coalesce(profile_id, 0), 0, 1 FROM letters WHERE status = 'failed'
            ) GROUP BY slot, profile;
        CREATE TRIGGER letter_tallies_sent AFTER UPDATE OF status ON letters
            WHEN new.status = 'sent' AND old.status <> 'sent'
        BEGIN
            INSERT INTO letter_tallies (slot, profile_id, sent)
                VALUES (coalesce(new.sent_at, new.updated_at) / 900, coalesce(new.profile_id, 0), 1)
                ON CONFLICT (slot, profile_id) DO UPDATE SET sent = sent + 1;
        END;
        CREATE TRIGGER letter_tallies_failed AFTER UPDATE OF status ON letters
            WHEN new.status = 'failed' AND old.status <> 'failed'
        BEGIN
            INSERT INTO letter_tallies (slot, profile_id, failed)
                VALUES (new.updated_at / 900, coalesce(new.profile_id, 0), 1)
                ON CONFLICT (slot, profile_id) DO UPDATE SET failed = failed + 1;
        END;
        """,
        // 13 (issue 13, the forecast and «Обзор» with a big queue and journal): each profile's
        // queued letters of each class (those not held for a reserve) are counted by triggers, so
        // the forecast reads a count, and walks only the retries that fall due later. The queued
        // letters that never move to a reserve («возможен дубль» after their own profile's attempt,
        // test letters) are few: an index of their own. And the sends of a profile in a window are
        // read with their class from the index alone: the limits' history and «Обзор»'s use of the
        // day cost the sends of the window, not of the whole log.
        """
        CREATE TABLE queue_counts (
            profile_id INTEGER NOT NULL,
            priority INTEGER NOT NULL,
            queued INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (profile_id, priority)
        ) WITHOUT ROWID;
        INSERT INTO queue_counts (profile_id, priority, queued)
            SELECT profile_id, priority, count(*) FROM letters
            WHERE status = 'queued' AND via_profile_id IS NULL AND profile_id IS NOT NULL
            GROUP BY profile_id, priority;
        CREATE TRIGGER queue_counts_insert AFTER INSERT ON letters
            WHEN new.status = 'queued' AND new.via_profile_id IS NULL AND new.profile_id IS NOT NULL
        BEGIN
            INSERT INTO queue_counts (profile_id, priority, queued) VALUES (new.profile_id, new.priority, 1)
                ON CONFLICT (profile_id, priority) DO UPDATE SET queued = queued + 1;
        END;
        CREATE TRIGGER queue_counts_delete AFTER DELETE ON letters
            WHEN old.status = 'queued' AND old.via_profile_id IS NULL AND old.profile_id IS NOT NULL
        BEGIN
            UPDATE queue_counts SET queued = queued - 1 WHERE profile_id = old.profile_id AND priority = old.priority;
        END;
        CREATE TRIGGER queue_counts_update AFTER UPDATE OF status, profile_id, priority, via_profile_id ON letters
            WHEN (old.status = 'queued' AND old.via_profile_id IS NULL AND old.profile_id IS NOT NULL)
                OR (new.status = 'queued' AND new.via_profile_id IS NULL AND new.profile_id IS NOT NULL)
        BEGIN
            UPDATE queue_counts SET queued = queued - 1
                WHERE old.status = 'queued' AND old.via_profile_id IS NULL
                    AND profile_id = old.profile_id AND priority = old.priority;
            INSERT INTO queue_counts (profile_id, priority, queued)
                SELECT new.profile_id, new.priority, 1
                WHERE new.status = 'queued' AND new.via_profile_id IS NULL AND new.profile_id IS NOT NULL
                ON CONFLICT (profile_id, priority) DO UPDATE SET queued = queued + 1;
        END;
        CREATE INDEX letters_fixed ON letters(profile_id, priority, next_attempt_at, id)
            WHERE status = 'queued' AND via_profile_id IS NULL AND (possible_duplicate = 1 OR is_test = 1);
        DROP INDEX sends_profile_at;
        CREATE INDEX sends_profile_at ON sends(profile_id, at, priority);
        """,
        // 14 (issue 13, «Журнал» with a big queue): each profile's queued letters (those not held for a
        // reserve) are also counted per moment they fall due (`queue_times`), so the forecast reads
        // the retries still to fall due as one row per moment, not as one index entry per letter (a
        // hundred thousand retries due at once cost the journal's first page 20 ms). One trigger per
        // change keeps both counts; a moment's row goes when its last letter leaves the queue.
        """
        DROP TRIGGER queue_counts_insert;
        DROP TRIGGER queue_counts_delete;
        DROP TRIGGER queue_counts_update;
        CREATE TABLE queue_times (
            profile_id INTEGER NOT NULL,
            priority INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            queued INTEGER NOT NULL,
            PRIMARY KEY (profile_id, priority, next_attempt_at)
        ) WITHOUT ROWID;
        INSERT INTO queue_times (profile_id, priority, next_attempt_at, queued)
            SELECT profile_id, priority, next_attempt_at, count(*) FROM letters
            WHERE status = 'queued' AND via_profile_id IS NULL AND profile_id IS NOT NULL
            GROUP BY profile_id, priority, next_attempt_at;
        CREATE TRIGGER queue_insert AFTER INSERT ON letters
            WHEN new.status = 'queued' AND new.via_profile_id IS NULL AND new.profile_id IS NOT NULL
        BEGIN
            INSERT INTO queue_counts (profile_id, priority, queued) VALUES (new.profile_id, new.priority, 1)
                ON CONFLICT (profile_id, priority) DO UPDATE SET queued = queued + 1;
            INSERT INTO queue_times (profile_id, priority, next_attempt_at, queued)
                VALUES (new.profile_id, new.priority, new.next_attempt_at, 1)
                ON CONFLICT (profile_id, priority, next_attempt_at) DO UPDATE SET queued = queued + 1;
        END;
        CREATE TRIGGER queue_delete AFTER DELETE ON letters
            WHEN old.status = 'queued' AND old.via_profile_id IS NULL AND old.profile_id IS NOT NULL
        BEGIN
            UPDATE queue_counts SET queued = queued - 1 WHERE profile_id = old.profile_id AND priority = old.priority;
            DELETE FROM queue_times WHERE profile_id = old.profile_id AND priority = old.priority
                AND next_attempt_at = old.next_attempt_at AND queued = 1;
            UPDATE queue_times SET queued = queued - 1 WHERE profile_id = old.profile_id AND priority = old.priority
                AND next_attempt_at = old.next_attempt_at;
        END;
        CREATE TRIGGER queue_update
            AFTER UPDATE OF status, profile_id, priority, via_profile_id, next_attempt_at ON letters
            WHEN (old.status = 'queued' AND old.via_profile_id IS NULL AND old.profile_id IS NOT NULL)
                OR (new.status = 'queued' AND new.via_profile_id IS NULL AND new.profile_id IS NOT NULL)
        BEGIN
            UPDATE queue_counts SET queued = queued - 1
                WHERE old.status = 'queued' AND old.via_profile_id IS NULL
                    AND profile_id = old.profile_id AND priority = old.priority;
            DELETE FROM queue_times
                WHERE old.status = 'queued' AND old.via_profile_id IS NULL AND profile_id = old.profile_id
                    AND priority = old.priority AND next_attempt_at = old.next_attempt_at AND queued = 1;
            UPDATE queue_times SET queued = queued - 1
                WHERE old.status = 'queued' AND old.via_profile_id IS NULL AND profile_id = old.profile_id
                    AND priority = old.priority AND next_attempt_at = old.next_attempt_at;
            INSERT INTO queue_counts (profile_id, priority, queued)
                SELECT new.profile_id, new.priority, 1
                WHERE new.status = 'queued' AND new.via_profile_id IS NULL AND new.profile_id IS NOT NULL
                ON CONFLICT (profile_id, priority) DO UPDATE SET queued = queued + 1;
            INSERT INTO queue_times (profile_id, priority, next_attempt_at, queued)
                SELECT new.profile_id, new.priority, new.next_attempt_at, 1
                WHERE new.status = 'queued' AND new.via_profile_id IS NULL AND new.profile_id IS NOT NULL
                ON CONFLICT (profile_id, priority, next_attempt_at) DO UPDATE SET queued = queued + 1;
        END;
        """,
        // 15 (issue 13, «Обзор» with a million letters): (a) the quarter-hour tallies become running
        // totals (`letter_totals`: per profile, the letters sent and failed up to and including each
        // quarter hour that had any), so a day's letters are the difference of two rows, and the
        // chart's 30 days cost two index probes a day and profile instead of 96 rows. A letter
        // becomes sent or failed now, so the trigger nearly always adds to the profile's last row;
        // one that lands in an earlier quarter hour adds to every later row too. Filled from the
        // tallies as they stand. (b) The sends of each profile are counted per quarter hour
        // (`send_counts`), so the use of the rolling 24 hours reads 96 counts and the sends of its
        // two partial quarter hours, not every send of the day. Plain counts, not running ones: a
        // send is given back, moved to the moment its letter left, or deleted with its profile.
        """
        DROP TRIGGER letter_tallies_sent;
        DROP TRIGGER letter_tallies_failed;
        CREATE TABLE letter_totals (
            profile_id INTEGER NOT NULL,
            slot INTEGER NOT NULL,
            sent INTEGER NOT NULL,
            failed INTEGER NOT NULL,
            PRIMARY KEY (profile_id, slot)
        ) WITHOUT ROWID;
        INSERT INTO letter_totals (profile_id, slot, sent, failed)
            SELECT profile_id, slot, sum(sent) OVER running, sum(failed) OVER running FROM letter_tallies
            WINDOW running AS (PARTITION BY profile_id ORDER BY slot);
        DROP TABLE letter_tallies;
        CREATE TRIGGER letter_totals_sent AFTER UPDATE OF status ON letters
            WHEN new.status = 'sent' AND old.status <> 'sent'
        BEGIN
            INSERT INTO letter_totals (profile_id, slot, sent, failed)
                SELECT coalesce(new.profile_id, 0), coalesce(new.sent_at, new.updated_at) / 900,
                    coalesce(last.sent, 0), coalesce(last.failed, 0)
                FROM (SELECT 1) LEFT JOIN (
                    SELECT sent, failed FROM letter_totals WHERE profile_id = coalesce(new.profile_id, 0)
                        AND slot < coalesce(new.sent_at, new.updated_at) / 900 ORDER BY slot DESC LIMIT 1
                ) AS last ON true
                WHERE true ON CONFLICT (profile_id, slot) DO NOTHING;
            UPDATE letter_totals SET sent = sent + 1
                WHERE profile_id = coalesce(new.profile_id, 0) AND slot >= coalesce(new.sent_at, new.updated_at) / 900;
        END;
        CREATE TRIGGER letter_totals_failed AFTER UPDATE OF status ON letters
            WHEN new.status = 'failed' AND old.status <> 'failed'
        BEGIN
            INSERT INTO letter_totals (profile_id, slot, sent, failed)
                SELECT coalesce(new.profile_id, 0), new.updated_at / 900, coalesce(last.sent, 0), coalesce(last.failed, 0)
                FROM (SELECT 1) LEFT JOIN (
                    SELECT sent, failed FROM letter_totals WHERE profile_id = coalesce(new.profile_id, 0)
                        AND slot < new.updated_at / 900 ORDER BY slot DESC LIMIT 1
                ) AS last ON true
                WHERE true ON CONFLICT (profile_id, slot) DO NOTHING;
            UPDATE letter_totals SET failed = failed + 1
                WHERE profile_id = coalesce(new.profile_id, 0) AND slot >= new.updated_at / 900;
        END;
        CREATE TABLE send_counts (
            profile_id INTEGER NOT NULL,
            slot INTEGER NOT NULL,
            sends INTEGER NOT NULL,
            priority INTEGER NOT NULL,
            PRIMARY KEY (profile_id, slot)
        ) WITHOUT ROWID;
        INSERT INTO send_counts (profile_id, slot, sends, priority)
            SELECT profile_id, at / 900, count(*), sum(priority) FROM sends GROUP BY profile_id, at / 900;
        CREATE TRIGGER send_counts_insert AFTER INSERT ON sends
        BEGIN
            INSERT INTO send_counts (profile_id, slot, sends, priority) VALUES (new.profile_id, new.at / 900, 1, new.priority)
                ON CONFLICT (profile_id, slot) DO UPDATE SET sends = sends + 1, priority = priority + excluded.priority;
        END;
        CREATE TRIGGER send_counts_delete AFTER DELETE ON sends
        BEGIN
            UPDATE send_counts SET sends = sends - 1, priority = priority - old.priority
                WHERE profile_id = old.profile_id AND slot = old.at / 900;
        END;
        CREATE TRIGGER send_counts_update AFTER UPDATE OF profile_id, priority, at ON sends
        BEGIN
            UPDATE send_counts SET sends = sends - 1, priority = priority - old.priority
                WHERE profile_id = old.profile_id AND slot = old.at / 900;
            INSERT INTO send_counts (profile_id, slot, sends, priority) VALUES (new.profile_id, new.at / 900, 1, new.priority)
                ON CONFLICT (profile_id, slot) DO UPDATE SET sends = sends + 1, priority = priority + excluded.priority;
        END;
        """,
    ]

    /// The schema version a database has once every step is applied.
    static var latestVersion: Int { steps.count }

    /// Applies every step the database has not seen yet, all in one transaction: a failed step
    /// leaves the schema as it was.
    static func apply(to database: Database) throws {
        let current = Int(try database.integer("PRAGMA user_version"))
        guard current < steps.count else { return }
        try database.write { db in
            // Re-read inside the lock: another process may have migrated meanwhile.
            let current = Int(try db.integer("PRAGMA user_version"))
            for (index, script) in steps.enumerated() where index >= current {
                try db.executeScript(script)
                try db.execute("PRAGMA user_version = \(index + 1)")
            }
        }
    }
}
