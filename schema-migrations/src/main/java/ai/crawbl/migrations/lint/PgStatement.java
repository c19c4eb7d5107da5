package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.lint.StatementTokens.Name;
import ai.crawbl.migrations.sql.Position;

import java.nio.file.Path;
import java.util.List;

/**
 * One PostgreSQL statement as the checks see it: its tokens and {@linkplain PgDdl shape}, the file it is in (and
 * whether that file runs in a transaction, and bounds its lock waits), the {@linkplain PgSchema model} of the database
 * it runs on, the run's settings, and where to report.
 */
final class PgStatement {

    private final Path file;
    private final StatementTokens tokens;
    private final PgDdl ddl;
    private final PgSchema schema;
    private final PgFile fileState;
    private final LintSettings settings;
    private final List<Finding> findings;

    /** What the checks know about the file a statement is in. */
    record PgFile(boolean noTransaction, int index, boolean boundsLockWait, List<String> lines,
                  java.util.Set<String> droppedConstraints) {
    }

    PgStatement(Path file, StatementTokens tokens, PgDdl ddl, PgSchema schema, PgFile fileState,
                LintSettings settings, List<Finding> findings) {
        this.file = file;
        this.tokens = tokens;
        this.ddl = ddl;
        this.schema = schema;
        this.fileState = fileState;
        this.settings = settings;
        this.findings = findings;
    }

    Path file() {
        return file;
    }

    StatementTokens tokens() {
        return tokens;
    }

    PgDdl ddl() {
        return ddl;
    }

    PgSchema schema() {
        return schema;
    }

    PgFile fileState() {
        return fileState;
    }

    LintSettings settings() {
        return settings;
    }

    /** The constraints this file's earlier statements dropped IF EXISTS. */
    java.util.Set<String> droppedConstraints() {
        return fileState.droppedConstraints();
    }

    /** True when {@code table} is created by this statement's own file: new, empty, unused by running code. */
    boolean isNew(Name table) {
        return schema.createdIn(table.name(), file);
    }

    /** The text of the script line the token at {@code index} is on. */
    String sourceLine(int index) {
        int line = tokens.position(index).line();
        return line <= fileState.lines().size() ? fileState.lines().get(line - 1) : "";
    }

    /** Reports a finding of {@code rule} at the token at {@code index}. */
    void report(Rule rule, int index, String message) {
        Position at = tokens.position(index);
        findings.add(Finding.of(file, at.line(), at.column(), rule, message).withSource(sourceLine(index)));
    }
}
