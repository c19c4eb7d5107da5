package ai.crawbl.schema.types;

import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.postgresql.util.PGobject;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.function.Function;

/**
 * Binds a PostgreSQL type whose values travel as text: a bind variable is a bare {@code ?} whose value pgJDBC sends
 * typed as {@code typeName}, and a value is read with {@code getString}. Null is null.
 *
 * <p>Why no {@code ?::vector} cast: a cast names the type, and an unqualified name is looked up on the search path,
 * which a production connection often limits to the application schema ({@code currentSchema=orchestrator}). A jOOQ
 * binding cannot see the column's data type, which knows the schema (jOOQ issue 5223), so it cannot qualify the cast.
 * A typed parameter needs no name on the server at all: pgJDBC looks the type's oid up by name (and caches it),
 * preferring the search path and falling back to every schema. {@link VectorDistance}, which sees the column, qualifies its casts
 * and operators with the schema the generated data type names. An inlined value is a plain string literal, which
 * PostgreSQL types from where it stands (the column of an insert or update, the other side of an operator).
 */
abstract class TextFormBinding<T, U> implements Binding<T, U> {

    private final String typeName;
    private final Converter<T, U> converter;
    private final Function<String, U> parse;

    /**
     * @param databaseType the Java type jOOQ's generator gives the column before the binding applies ({@code Object}
     *                     for an extension's type, {@code String} for {@code bit(N)})
     */
    TextFormBinding(String typeName, Class<T> databaseType, Class<U> type, Function<String, U> parse) {
        this.typeName = typeName;
        this.parse = parse;
        this.converter = Converter.ofNullable(databaseType, type,
                value -> type.isInstance(value) ? type.cast(value) : parse.apply(value.toString()),
                value -> databaseType.cast(value.toString()));
    }

    @Override
    public final Converter<T, U> converter() {
        return converter;
    }

    @Override
    public final void sql(BindingSQLContext<U> ctx) {
        if (ctx.render().paramType() == ParamType.INLINED) {
            ctx.render().visit(DSL.inline(ctx.value() == null ? null : ctx.value().toString()));
        } else {
            ctx.render().sql(ctx.variable());
        }
    }

    @Override
    public final void register(BindingRegisterContext<U> ctx) throws SQLException {
        ctx.statement().registerOutParameter(ctx.index(), Types.OTHER);
    }

    @Override
    public final void set(BindingSetStatementContext<U> ctx) throws SQLException {
        PGobject value = new PGobject();
        value.setType(typeName);
        value.setValue(ctx.value() == null ? null : ctx.value().toString());
        ctx.statement().setObject(ctx.index(), value);
    }

    @Override
    public final void get(BindingGetResultSetContext<U> ctx) throws SQLException {
        ctx.value(read(ctx.resultSet().getString(ctx.index())));
    }

    @Override
    public final void get(BindingGetStatementContext<U> ctx) throws SQLException {
        ctx.value(read(ctx.statement().getString(ctx.index())));
    }

    @Override
    public final void set(BindingSetSQLOutputContext<U> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException(typeName + " is not a SQL structured type");
    }

    @Override
    public final void get(BindingGetSQLInputContext<U> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException(typeName + " is not a SQL structured type");
    }

    private U read(String text) {
        return text == null ? null : parse.apply(text);
    }
}
