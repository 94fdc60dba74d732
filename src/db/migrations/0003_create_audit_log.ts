import type { Migration } from '../migrate';

export const m0003: Migration = {
  name: '0003_create_audit_log',
  async up(tx) {
    await tx.exec(`
      CREATE SEQUENCE audit_log_seq;
      -- Append-only and hash-chained: hash = sha256(prev_hash + canonical row), computed by the
      -- writer under an advisory lock so that seq order is chain order.
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_id uuid,
        actor_username text,
        action text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('success','failure','denied')),
        purpose text,
        request_id text NOT NULL,
        client_ip text,
        subject_type text,
        subject_ids text[] NOT NULL DEFAULT '{}',
        details jsonb NOT NULL DEFAULT '{}',
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
      CREATE INDEX audit_log_actor_idx ON audit_log (actor_username, seq);
      CREATE INDEX audit_log_action_idx ON audit_log (action, seq);
      CREATE INDEX audit_log_time_idx ON audit_log (occurred_at);
      CREATE INDEX audit_log_subjects_idx ON audit_log USING gin (subject_ids);

      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
    `);
  },
};
