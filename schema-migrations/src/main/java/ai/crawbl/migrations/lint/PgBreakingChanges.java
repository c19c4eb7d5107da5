package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.lint.PgDdl.Action;
import ai.crawbl.migrations.lint.PgDdl.AlterTable;
import ai.crawbl.migrations.lint.PgDdl.DropColumn;
import ai.crawbl.migrations.lint.PgDdl.Drop;
import ai.crawbl.migrations.lint.PgDdl.Rename;
import ai.crawbl.migrations.lint.PgDdl.RenameTo;

import java.util.List;

/**
 * Changes that destroy data or break the code running against an existing table: {@code drop-table},
 * {@code drop-column} and {@code rename}. They are sometimes intended; then a suppression with its reason is the
 * explicit acknowledgement. Objects created by the same migration are not reported.
 */
final class PgBreakingChanges implements PgCheck {

    static final Rule DROP_TABLE = Rule.error("drop-table",
            "DROP TABLE deletes the table's rows for good, and running code that still reads it fails",
            "stop using the table in code first; then acknowledge: -- lint:ignore drop-table: <why it is safe>");
    static final Rule DROP_COLUMN = Rule.error("drop-column",
            "DROP COLUMN deletes the column's data, and running code that selects or inserts it fails",
            "stop using the column in code first (deploy), then drop it; acknowledge with -- lint:ignore drop-column: <why>");
    static final Rule RENAME = Rule.error("rename",
            "a rename breaks every running instance that still uses the old name (a rolling deploy runs both)",
            "add the new name beside the old (a new column, or a view), move the code over, then drop the old name later");

    @Override
    public List<Rule> rules() {
        return List.of(DROP_TABLE, DROP_COLUMN, RENAME);
    }

    @Override
    public void check(PgStatement s) {
        switch (s.ddl()) {
            case Drop d when d.kind().equals("TABLE") -> {
                for (int k = 0; k < d.names().size(); k++) {
                    if (!s.isNew(d.names().get(k))) {
                        s.report(DROP_TABLE, d.nameAt().get(k), "DROP TABLE " + d.names().get(k).name() + " deletes its"
                                + " rows and breaks code that still reads it: acknowledge it with a lint:ignore and the reason");
                    }
                }
            }
            case AlterTable a when !s.isNew(a.table()) -> {
                for (Action action : a.actions()) {
                    if (action instanceof DropColumn d) {
                        s.report(DROP_COLUMN, d.at(), "DROP COLUMN " + d.column() + " deletes its data and breaks code"
                                + " that still uses it: acknowledge it with a lint:ignore and the reason");
                    } else if (action instanceof RenameTo r) {
                        s.report(RENAME, r.at(), "renaming a " + r.what() + " of " + a.table().name() + " breaks running"
                                + " code that uses the old name: add the new name beside the old one instead");
                    }
                }
            }
            case Rename r -> s.report(RENAME, r.at(), "renaming " + r.kind().toLowerCase(java.util.Locale.ROOT) + " "
                    + r.name().name() + " breaks running code that uses the old name");
            default -> {
            }
        }
    }
}
