import type { Migration } from '../migrate';

/**
 * How many review items are open (decided, closed) is kept in a three-row table that
 * statement-level triggers maintain from the rows each statement changed. Counting the queue
 * read every open item (1.6 million at 100,000 persons, growing faster than the world) at the
 * end of every resolution run and on every page of the review list; an incremental run must
 * cost what its batch costs.
 */
export const m0061: Migration = {
  name: '0061_count_review_queue_by_status',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE review_queue_counts (
        status text PRIMARY KEY CHECK (status IN ('open','decided','closed')),
        n bigint NOT NULL
      );
      INSERT INTO review_queue_counts (status, n)
        SELECT s, (SELECT count(*) FROM review_queue q WHERE q.status = s) FROM unnest(ARRAY['open','decided','closed']) AS s;

      CREATE FUNCTION review_queue_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          UPDATE review_queue_counts SET n = 0;
        ELSIF TG_OP = 'INSERT' THEN
          UPDATE review_queue_counts c SET n = c.n + d.n
          FROM (SELECT status, count(*) AS n FROM new_rows GROUP BY status) d WHERE c.status = d.status;
        ELSIF TG_OP = 'DELETE' THEN
          UPDATE review_queue_counts c SET n = c.n - d.n
          FROM (SELECT status, count(*) AS n FROM old_rows GROUP BY status) d WHERE c.status = d.status;
        ELSE
          UPDATE review_queue_counts c SET n = c.n + d.n
          FROM (SELECT status, sum(n) AS n FROM (SELECT status, 1 AS n FROM new_rows UNION ALL SELECT status, -1 FROM old_rows) x
                GROUP BY status) d
          WHERE c.status = d.status AND d.n <> 0;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER review_queue_counted_insert AFTER INSERT ON review_queue
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION review_queue_count();
      CREATE TRIGGER review_queue_counted_update AFTER UPDATE ON review_queue
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION review_queue_count();
      CREATE TRIGGER review_queue_counted_delete AFTER DELETE ON review_queue
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION review_queue_count();
      CREATE TRIGGER review_queue_counted_truncate AFTER TRUNCATE ON review_queue
        FOR EACH STATEMENT EXECUTE FUNCTION review_queue_count();
    `);
  },
};
