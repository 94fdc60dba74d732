import type { Migration } from '../migrate';

/**
 * Entity resolution in the database (docs/resolution.md): the trained match models, the match
 * index (one row per resolved mention with its blocking keys), the scored pairs worth keeping,
 * the review queue, analyst decisions (append-only but for their undo) and the run log.
 *
 * A mention is one party of one source record, keyed `source_record_id * 8 + role code`
 * (subject 0, dso 1, school 2, employer 3): one sortable bigint instead of a (bigint, text) pair.
 */
export const m0020: Migration = {
  name: '0020_create_resolution',
  async up(tx) {
    await tx.exec(`
      -- Entities are never deleted by resolution (leads and audit rows point at them): an entity
      -- whose records all moved elsewhere is retired and says where they went.
      ALTER TABLE entities ADD COLUMN retired_at timestamptz, ADD COLUMN merged_into uuid;
      CREATE INDEX entities_live_idx ON entities (kind) WHERE retired_at IS NULL;

      -- Incremental runs find the records of batches not resolved yet.
      CREATE INDEX IF NOT EXISTS source_records_batch_idx ON source_records (batch_id);
      -- Call records are linked to persons through the phones their records give.
      CREATE INDEX IF NOT EXISTS person_observations_phone_idx ON person_observations (phone);
      CREATE INDEX IF NOT EXISTS tips_subject_phone_idx ON tips (subject_phone);

      CREATE TABLE match_models (
        version integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        format integer NOT NULL,
        model jsonb NOT NULL,
        records integer NOT NULL,
        trained_at timestamptz NOT NULL DEFAULT now(),
        trained_by text NOT NULL,
        active boolean NOT NULL DEFAULT false
      );
      CREATE UNIQUE INDEX match_models_one_active_idx ON match_models (active) WHERE active;

      CREATE TABLE resolution_runs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        mode text NOT NULL CHECK (mode IN ('full','incremental')),
        model_version integer,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(),
        actor_username text NOT NULL,
        stats jsonb NOT NULL
      );

      CREATE TABLE resolved_batches (
        batch_id uuid PRIMARY KEY,
        run_id bigint NOT NULL
      );

      CREATE TABLE match_mentions (
        mention bigint PRIMARY KEY,
        source_record_id bigint NOT NULL,
        role text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('person','organization')),
        -- Identical records sharing an identifier are matched once, through their representative.
        rep bigint NOT NULL,
        fingerprint text,
        -- Representatives only: blocking keys (hashes) of blocks under the size cap.
        blocks integer[],
        org_key text,
        org_code text
      );
      CREATE INDEX match_mentions_record_idx ON match_mentions (source_record_id);
      CREATE INDEX match_mentions_rep_idx ON match_mentions (rep);
      CREATE INDEX match_mentions_fingerprint_idx ON match_mentions (fingerprint) WHERE fingerprint IS NOT NULL;
      CREATE INDEX match_mentions_blocks_idx ON match_mentions USING gin (blocks);
      CREATE INDEX match_mentions_org_key_idx ON match_mentions (org_key) WHERE org_key IS NOT NULL;
      CREATE INDEX match_mentions_org_code_idx ON match_mentions (org_code) WHERE org_code IS NOT NULL;

      -- Blocks over the cap produce no pairs; kept so later batches skip them too.
      CREATE TABLE match_oversized (
        block integer PRIMARY KEY,
        members integer NOT NULL
      );

      -- Scored pairs at or above the review bar (a < b): what clustering needs to redo a component.
      CREATE TABLE match_pairs (
        a bigint NOT NULL,
        b bigint NOT NULL,
        weight double precision NOT NULL,
        proven boolean NOT NULL,
        conflicts text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (a, b)
      );
      CREATE INDEX match_pairs_b_idx ON match_pairs (b);

      CREATE TABLE review_queue (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        mention_a bigint NOT NULL,
        mention_b bigint NOT NULL,
        weight double precision NOT NULL,
        reason text NOT NULL CHECK (reason IN ('band','incoherent','conflict')),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','decided','closed')),
        decision_id bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (mention_a, mention_b)
      );
      CREATE INDEX review_queue_status_idx ON review_queue (status, weight DESC);
      CREATE INDEX review_queue_b_idx ON review_queue (mention_b);

      CREATE TABLE resolution_decisions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('confirm','reject','merge','split')),
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        decided_by uuid,
        decided_by_username text NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        review_item_id bigint,
        -- Constraints in mention keys: groups that must share an entity, and pairs of sides
        -- that must not. Mentions, not entities: they survive re-resolution.
        must jsonb NOT NULL DEFAULT '[]',
        cannot jsonb NOT NULL DEFAULT '[]',
        entities_before jsonb NOT NULL DEFAULT '[]',
        entities_after jsonb NOT NULL DEFAULT '[]',
        undone_at timestamptz,
        undone_by uuid,
        undone_by_username text,
        undo_reason text
      );

      -- A decision is kept as made; only its undo may be recorded, once.
      CREATE FUNCTION resolution_decisions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.undone_at IS NULL AND NEW.undone_at IS NOT NULL
           AND (to_jsonb(NEW) - ARRAY['undone_at','undone_by','undone_by_username','undo_reason'])
             = (to_jsonb(OLD) - ARRAY['undone_at','undone_by','undone_by_username','undo_reason']) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'resolution decisions are kept as made: % refused (undo it instead)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER resolution_decisions_kept BEFORE UPDATE OR DELETE ON resolution_decisions
        FOR EACH ROW EXECUTE FUNCTION resolution_decisions_guard();

      -- What the profile shows: pairs that look alike but contradict each other (same passport,
      -- different dates of birth...), with the entities they ended up in.
      CREATE VIEW resolution_conflicts AS
        SELECT p.a AS mention_a, p.b AS mention_b, p.weight, p.conflicts,
               ma.source_record_id AS record_a, ma.role AS role_a, la.entity_id AS entity_a,
               mb.source_record_id AS record_b, mb.role AS role_b, lb.entity_id AS entity_b
        FROM match_pairs p
        JOIN match_mentions ma ON ma.mention = p.a
        JOIN match_mentions mb ON mb.mention = p.b
        LEFT JOIN record_links la ON la.source_record_id = ma.source_record_id AND la.role = ma.role
        LEFT JOIN record_links lb ON lb.source_record_id = mb.source_record_id AND lb.role = mb.role
        WHERE cardinality(p.conflicts) > 0;
    `);
  },
};
