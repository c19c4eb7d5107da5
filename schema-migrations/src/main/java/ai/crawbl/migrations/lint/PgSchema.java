package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.lint.PgDdl.Action;
import ai.crawbl.migrations.lint.PgDdl.AddColumn;
import ai.crawbl.migrations.lint.PgDdl.AddConstraint;
import ai.crawbl.migrations.lint.PgDdl.AlterTable;
import ai.crawbl.migrations.lint.PgDdl.Column;
import ai.crawbl.migrations.lint.PgDdl.Constraint;
import ai.crawbl.migrations.lint.PgDdl.CreateIndex;
import ai.crawbl.migrations.lint.PgDdl.CreateTable;
import ai.crawbl.migrations.lint.PgDdl.Drop;
import ai.crawbl.migrations.lint.PgDdl.IndexColumn;
import ai.crawbl.migrations.lint.PgDdl.ValidateConstraint;
import ai.crawbl.migrations.sql.Position;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tables, columns, indexes and constraints the statements read so far create: a model of the database the next
 * statement runs on, built from the migration plan's earlier files and the current file's earlier statements, with no
 * database. A table created in the file being checked is new (empty, used by no running code); one created in an
 * earlier file, or one the model never saw created, exists. Names are keyed without their schema.
 */
final class PgSchema {

    /** A foreign key declared on {@code table} over {@code columns}, where it was declared. */
    record ForeignKey(String table, List<String> columns, Path file, Position at, String source) {
    }

    /** One table as the statements so far left it. */
    static final class Table {
        final Path createdIn;
        final Map<String, String> columnTypes = new HashMap<>();
        final List<List<String>> indexes = new ArrayList<>();
        final Set<String> notNullChecked = new HashSet<>();
        final Map<String, Constraint> unvalidated = new HashMap<>();

        Table(Path createdIn) {
            this.createdIn = createdIn;
        }
    }

    private record Index(String table, Path createdIn) {
    }

    private final Map<String, Table> tables = new HashMap<>();
    private final Map<String, Index> indexes = new HashMap<>();
    private final Map<String, Path> notValidAddedIn = new HashMap<>();
    private final List<ForeignKey> foreignKeys = new ArrayList<>();

    /** True when {@code table} was created by {@code file} (so it is new and empty while {@code file} runs). */
    boolean createdIn(String table, Path file) {
        Table t = tables.get(table);
        return t != null && file.equals(t.createdIn);
    }

    /** The table, or null when no statement so far created it. */
    Table table(String name) {
        return tables.get(name);
    }

    /** The table an index is on, or null when no statement so far created the index. */
    String tableOfIndex(String index) {
        Index i = indexes.get(index);
        return i == null ? null : i.table();
    }

    /** True when an index named {@code index} was created by {@code file}. */
    boolean indexCreatedIn(String index, Path file) {
        Index i = indexes.get(index);
        return i != null && file.equals(i.createdIn());
    }

    /** The file that added constraint {@code name} NOT VALID, or null. */
    Path notValidAddedIn(String name) {
        return notValidAddedIn.get(name);
    }

    /** The foreign keys declared so far, on tables that still exist. */
    List<ForeignKey> foreignKeys() {
        return foreignKeys.stream().filter(fk -> tables.containsKey(fk.table())).toList();
    }

    /** True when some index (or primary key or unique constraint) of {@code table} starts with {@code columns}. */
    boolean indexLeads(String table, List<String> columns) {
        Table t = tables.get(table);
        if (t == null) {
            return true; // a table the model never saw: nothing to say about it
        }
        return t.indexes.stream().anyMatch(index -> index.size() >= columns.size()
                && index.subList(0, columns.size()).equals(columns));
    }

    /** Records what the statement {@code ddl}, read from {@code s}, changes. */
    void apply(PgDdl ddl, PgStatement s) {
        switch (ddl) {
            case CreateTable c -> createTable(c, s);
            case CreateIndex c -> {
                if (c.name() != null) {
                    indexes.putIfAbsent(c.name(), new Index(c.table().name(), s.file()));
                }
                Table t = tables.get(c.table().name());
                if (t != null) {
                    List<String> columns = new ArrayList<>();
                    for (IndexColumn column : c.columns()) {
                        if (column.column() == null) {
                            break;
                        }
                        columns.add(column.column());
                    }
                    t.indexes.add(columns);
                }
            }
            case AlterTable a -> alterTable(a, s);
            case Drop d -> {
                for (var name : d.names()) {
                    if (d.kind().equals("TABLE")) {
                        tables.remove(name.name());
                    } else {
                        indexes.remove(name.name());
                    }
                }
            }
            default -> {
            }
        }
    }

    private void createTable(CreateTable c, PgStatement s) {
        if (tables.containsKey(c.name().name())) {
            return; // IF NOT EXISTS on a table that exists: nothing changes
        }
        Table t = new Table(s.file());
        tables.put(c.name().name(), t);
        for (Column column : c.columns()) {
            addColumn(c.name().name(), t, column, s);
        }
        for (Constraint constraint : c.constraints()) {
            addConstraint(c.name().name(), t, constraint, s);
        }
    }

    private void alterTable(AlterTable a, PgStatement s) {
        String name = a.table().name();
        Table t = tables.computeIfAbsent(name, n -> new Table(null));
        for (Action action : a.actions()) {
            switch (action) {
                case AddColumn add -> {
                    if (!t.columnTypes.containsKey(add.column().name())) {
                        addColumn(name, t, add.column(), s);
                    }
                }
                case AddConstraint add -> addConstraint(name, t, add.constraint(), s);
                case ValidateConstraint v -> {
                    Constraint c = t.unvalidated.remove(v.name());
                    if (c != null && c.kind().equals("CHECK")) {
                        t.notNullChecked.addAll(c.columns());
                    }
                }
                case PgDdl.DropColumn d -> t.columnTypes.remove(d.column());
                default -> {
                }
            }
        }
    }

    private void addColumn(String table, Table t, Column column, PgStatement s) {
        StatementTokens tokens = s.tokens();
        StringBuilder type = new StringBuilder();
        for (int i = column.typeAt(); i < column.typeEnd(); i++) {
            type.append(tokens.text(i).toLowerCase(Locale.ROOT));
        }
        t.columnTypes.put(column.name(), type.toString());
        for (int i = column.typeEnd(); i < column.end(); i++) {
            if (tokens.depth(i) != tokens.depth(column.at())) {
                continue;
            }
            if (tokens.is(i, "PRIMARY", "KEY") || tokens.is(i, "UNIQUE")) {
                t.indexes.add(List.of(column.name()));
            } else if (tokens.is(i, "REFERENCES")) {
                foreignKeys.add(new ForeignKey(table, List.of(column.name()), s.file(), tokens.position(i),
                        s.sourceLine(i)));
            }
        }
    }

    private void addConstraint(String table, Table t, Constraint c, PgStatement s) {
        switch (c.kind()) {
            case "PRIMARY", "UNIQUE" -> t.indexes.add(c.columns());
            case "FOREIGN" -> foreignKeys.add(new ForeignKey(table, c.columns(), s.file(),
                    s.tokens().position(c.at()), s.sourceLine(c.at())));
            case "CHECK" -> {
                if (!c.notValid()) {
                    t.notNullChecked.addAll(c.columns());
                }
            }
            default -> {
            }
        }
        if (c.notValid() && c.name() != null) {
            t.unvalidated.put(c.name(), c);
            notValidAddedIn.put(c.name(), s.file());
        }
    }
}
