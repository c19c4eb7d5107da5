package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.lint.PgDdl.CreateIndex;
import ai.crawbl.migrations.lint.PgDdl.Drop;
import ai.crawbl.migrations.sql.SqlScript;

import java.util.List;
import java.util.Set;

/**
 * {@code index-concurrently} and {@code vector-index-concurrently}: building or dropping an index without
 * CONCURRENTLY on a table that existed before this migration blocks its writes for the whole build. A table created in
 * the same migration is empty and unused, so it may be indexed plainly.
 */
final class PgIndexLocks implements PgCheck {

    static final Rule INDEX_CONCURRENTLY = Rule.error("index-concurrently",
            "CREATE/DROP INDEX without CONCURRENTLY locks out every write to an existing table until it ends",
            "use CREATE INDEX CONCURRENTLY (DROP INDEX CONCURRENTLY) in a migration of its own whose first line is `"
                    + SqlScript.NO_TRANSACTION_DIRECTIVE + "`");
    static final Rule VECTOR_INDEX_CONCURRENTLY = Rule.error("vector-index-concurrently",
            "an HNSW or IVFFlat build reads and compares every vector: minutes to hours during which a plain build blocks all writes",
            "build it with CREATE INDEX CONCURRENTLY in a migration of its own whose first line is `"
                    + SqlScript.NO_TRANSACTION_DIRECTIVE + "`");

    static final Set<String> VECTOR_METHODS = Set.of("hnsw", "ivfflat");

    @Override
    public List<Rule> rules() {
        return List.of(INDEX_CONCURRENTLY, VECTOR_INDEX_CONCURRENTLY);
    }

    @Override
    public void check(PgStatement s) {
        if (s.ddl() instanceof CreateIndex c && !c.concurrently() && !s.isNew(c.table())) {
            boolean vector = VECTOR_METHODS.contains(c.method());
            s.report(vector ? VECTOR_INDEX_CONCURRENTLY : INDEX_CONCURRENTLY, 0, (vector ? c.method().toUpperCase(
                    java.util.Locale.ROOT) + " index" : "CREATE INDEX") + " on " + c.table().name()
                    + ", which exists before this migration, without CONCURRENTLY: writes wait for the whole build");
        } else if (s.ddl() instanceof Drop d && d.kind().equals("INDEX") && !d.concurrently()) {
            for (int k = 0; k < d.names().size(); k++) {
                String index = d.names().get(k).name();
                if (s.schema().indexCreatedIn(index, s.file())) {
                    continue;
                }
                String table = s.schema().tableOfIndex(index);
                if (table != null && s.schema().createdIn(table, s.file())) {
                    continue;
                }
                s.report(INDEX_CONCURRENTLY, d.nameAt().get(k), "DROP INDEX " + index + " without CONCURRENTLY locks"
                        + (table == null ? " its table" : " " + table) + " for reads and writes");
            }
        }
    }
}
