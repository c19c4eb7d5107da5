package ai.crawbl.codegen.meta;

import org.jooq.codegen.GeneratorStrategy;
import org.jooq.codegen.JavaWriter;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.TableDefinition;

import java.util.List;
import java.util.Set;

/**
 * Writes, into a generated DAO, what keeps the columns the database writes itself ({@code GENERATED ALWAYS}: computed
 * columns and identities) out of its inserts and updates. jOOQ's open-source edition writes every touched column,
 * and a POJO touches all of them, so without this a DAO insert into such a table fails ({@code cannot insert a
 * non-DEFAULT value into column}). It is a {@link org.jooq.RecordListener} the DAO appends to its configuration, and
 * a public constant that any other configuration can append for the table's records.
 */
final class ReadOnlyColumns {

    private final Set<String> writtenByTheDatabase;
    private final GeneratorStrategy strategy;

    ReadOnlyColumns(Set<String> writtenByTheDatabase, GeneratorStrategy strategy) {
        this.writtenByTheDatabase = writtenByTheDatabase;
        this.strategy = strategy;
    }

    /** The table's columns the database writes itself, in column order. */
    List<ColumnDefinition> of(TableDefinition table) {
        return table.getColumns().stream()
                .filter(column -> writtenByTheDatabase.contains(table.getSchema().getInputName() + "." + table.getInputName()
                        + "." + column.getInputName()))
                .toList();
    }

    /** Writes the listener and the configuration override into the DAO of {@code table}, when it has such columns. */
    void writeDaoMembers(TableDefinition table, JavaWriter out) {
        List<ColumnDefinition> columns = of(table);
        if (columns.isEmpty()) {
            return;
        }
        String record = out.ref(strategy.getFullJavaClassName(table, GeneratorStrategy.Mode.RECORD));
        String listener = out.ref("org.jooq.RecordListener");
        String context = out.ref("org.jooq.RecordContext");
        String configuration = out.ref("org.jooq.Configuration");
        out.println();
        out.javadoc("Leaves the columns the database writes itself (%s) out of inserts and updates of this table's records "
                + "on a configuration that has it. This DAO's own configuration has it; append it to another with "
                + "<code>Configuration.deriveAppending(RecordListener...)</code>.",
                String.join(", ", columns.stream().map(ColumnDefinition::getInputName).toList()));
        out.println("public static final %s READ_ONLY_COLUMNS = new %s() {", listener, listener);
        for (String event : List.of("insertStart", "updateStart", "mergeStart")) {
            out.println();
            out.override();
            out.println("public void %s(%s ctx) {", event, context);
            out.println("leaveOut(ctx);");
            out.println("}");
        }
        out.println();
        out.println("private void leaveOut(%s ctx) {", context);
        out.println("if (ctx.record() instanceof %s record) {", record);
        String tableConstant = out.ref(strategy.getFullJavaClassName(table)) + "." + strategy.getJavaIdentifier(table);
        for (ColumnDefinition column : columns) {
            out.println("record.touched(%s.%s, false);", tableConstant, strategy.getJavaIdentifier(column));
        }
        out.println("}");
        out.println("}");
        out.println("};");
        out.println();
        out.override();
        out.println("public void setConfiguration(%s configuration) {", configuration);
        out.println("super.setConfiguration(configuration);");
        out.println("super.setConfiguration(super.configuration().deriveAppending(READ_ONLY_COLUMNS));");
        out.println("}");
    }
}
