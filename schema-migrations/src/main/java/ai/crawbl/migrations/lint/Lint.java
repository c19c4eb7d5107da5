package ai.crawbl.migrations.lint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a folder of migrations against the schema's conventions, as the migration guide
 * ({@code migrations/README.md}) states them, without touching a database. An empty list means the folder follows them.
 */
public sealed interface Lint permits PostgresLint, ClickHouseLint {

    /**
     * The findings for the migrations directly in {@code dir} (subfolders such as {@code seed/} are not read),
     * ordered by file and line.
     *
     * @throws IOException when the folder cannot be read (a missing folder included)
     */
    List<Finding> check(Path dir) throws IOException;
}
