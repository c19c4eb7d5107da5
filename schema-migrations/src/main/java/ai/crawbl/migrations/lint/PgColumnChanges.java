package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.lint.PgDdl.Action;
import ai.crawbl.migrations.lint.PgDdl.AddColumn;
import ai.crawbl.migrations.lint.PgDdl.AlterColumnType;
import ai.crawbl.migrations.lint.PgDdl.AlterTable;
import ai.crawbl.migrations.lint.PgDdl.Column;
import ai.crawbl.migrations.lint.PgDdl.SetNotNull;

import java.util.List;
import java.util.Set;

/**
 * Column changes that rewrite or lock an existing table, or fail on its rows: {@code add-column-not-null},
 * {@code add-column-volatile-default}, {@code alter-column-type} and {@code set-not-null}. On a table created by the
 * same migration (empty) they are harmless and not reported.
 */
final class PgColumnChanges implements PgCheck {

    static final Rule ADD_COLUMN_NOT_NULL = Rule.error("add-column-not-null",
            "ADD COLUMN ... NOT NULL without a default fails on any table that has rows",
            "give the column a constant DEFAULT, or add it nullable, backfill, then SET NOT NULL through a validated CHECK");
    static final Rule ADD_COLUMN_VOLATILE_DEFAULT = Rule.error("add-column-volatile-default",
            "a volatile default (random(), clock_timestamp(), a sequence, a generated or identity column) rewrites the whole table under an exclusive lock",
            "add the column without that default (or with a constant one), backfill in batches, then SET DEFAULT");
    static final Rule ALTER_COLUMN_TYPE = Rule.error("alter-column-type",
            "changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, and breaks code reading the old type",
            "add a new column of the new type, backfill it, switch the code over, then drop the old column in a later migration");
    static final Rule SET_NOT_NULL = Rule.error("set-not-null",
            "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock unless a validated CHECK (col IS NOT NULL) already proves it",
            "ADD CONSTRAINT ... CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later migration, then SET NOT NULL");

    private static final Set<String> VOLATILE = Set.of("RANDOM", "GEN_RANDOM_UUID", "CLOCK_TIMESTAMP", "TIMEOFDAY",
            "NEXTVAL", "UUID_GENERATE_V1", "UUID_GENERATE_V1MC", "UUID_GENERATE_V4", "UUIDV7", "UUIDV4",
            "TXID_CURRENT");
    private static final Set<String> SERIALS = Set.of("SERIAL", "BIGSERIAL", "SMALLSERIAL", "SERIAL2", "SERIAL4",
            "SERIAL8");

    @Override
    public List<Rule> rules() {
        return List.of(ADD_COLUMN_NOT_NULL, ADD_COLUMN_VOLATILE_DEFAULT, ALTER_COLUMN_TYPE, SET_NOT_NULL);
    }

    @Override
    public void check(PgStatement s) {
        if (!(s.ddl() instanceof AlterTable a) || s.isNew(a.table())) {
            return;
        }
        StatementTokens t = s.tokens();
        String table = a.table().name();
        for (Action action : a.actions()) {
            switch (action) {
                case AddColumn add -> addColumn(s, t, table, add.column());
                case AlterColumnType alter -> s.report(ALTER_COLUMN_TYPE, alter.at(), "ALTER COLUMN " + alter.column()
                        + " TYPE rewrites " + table + " under an exclusive lock: add a new column, backfill, switch");
                case SetNotNull set -> {
                    PgSchema.Table known = s.schema().table(table);
                    if (known == null || !known.notNullChecked.contains(set.column())) {
                        s.report(SET_NOT_NULL, set.at(), "SET NOT NULL on " + table + "." + set.column() + " scans the"
                                + " table under an exclusive lock: validate a CHECK (" + set.column() + " IS NOT NULL)"
                                + " first");
                    }
                }
                default -> {
                }
            }
        }
    }

    private static void addColumn(PgStatement s, StatementTokens t, String table, Column column) {
        int level = t.depth(column.at());
        boolean notNull = false;
        boolean hasDefault = false;
        for (int i = column.typeEnd(); i < column.end(); i++) {
            if (t.depth(i) != level) {
                continue;
            }
            if (t.is(i, "NOT", "NULL") || t.is(i, "PRIMARY", "KEY")) {
                notNull = true;
            } else if (t.is(i, "DEFAULT")) {
                hasDefault = true;
                int volatileAt = volatileCall(t, i + 1, column.end());
                if (volatileAt >= 0) {
                    s.report(ADD_COLUMN_VOLATILE_DEFAULT, volatileAt, "DEFAULT " + t.text(volatileAt) + "() is"
                            + " volatile: adding " + column.name() + " rewrites " + table + "; add it without, backfill,"
                            + " then SET DEFAULT");
                }
            } else if (t.is(i, "GENERATED")) {
                hasDefault = true;
                s.report(ADD_COLUMN_VOLATILE_DEFAULT, i, "a generated or identity column added to " + table
                        + " rewrites the whole table: add a plain column, backfill, then change it");
            }
        }
        if (SERIALS.contains(t.word(column.typeAt()))) {
            hasDefault = true;
            s.report(ADD_COLUMN_VOLATILE_DEFAULT, column.typeAt(), t.text(column.typeAt()) + " fills " + column.name()
                    + " from a sequence: adding it rewrites " + table);
        }
        if (notNull && !hasDefault) {
            s.report(ADD_COLUMN_NOT_NULL, column.at(), "ADD COLUMN " + column.name() + " NOT NULL without a DEFAULT"
                    + " fails on every row " + table + " already has: give it a constant DEFAULT");
        }
    }

    private static int volatileCall(StatementTokens t, int from, int end) {
        for (int i = from; i < end; i++) {
            if (VOLATILE.contains(t.word(i)) && t.isSymbol(i + 1, "(")) {
                return i;
            }
        }
        return -1;
    }
}
