package ai.crawbl.migrations.lint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a folder of migrations, without touching a database, against the conventions of the migration guide
 * ({@code migrations/README.md}) and the rules of the rules page ({@code migrations/LINT.md}).
 */
public sealed interface Lint permits PostgresLint, ClickHouseLint {

    /** Every rule this lint reports, with its id, default severity, why and fix. */
    List<Rule> rules();

    /**
     * Lints the migrations directly in {@code dir} (subfolders such as {@code seed/} are not read) with the folder's
     * {@code lint.properties} and {@code options} over it.
     *
     * @throws IOException when the folder cannot be read (a missing folder included)
     */
    LintReport run(Path dir, LintOptions options) throws IOException;

    /**
     * The findings for {@code dir} with its own configuration, ordered by file and position; an empty list means the
     * folder follows every rule.
     *
     * @throws IOException when the folder cannot be read (a missing folder included)
     */
    default List<Finding> check(Path dir) throws IOException {
        return run(dir, LintOptions.NONE).findings();
    }
}
