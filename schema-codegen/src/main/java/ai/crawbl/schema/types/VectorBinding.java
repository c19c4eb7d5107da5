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

import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;

/**
 * Binds pgvector's {@code vector} columns to {@link Vector}: values travel as pgvector's text form, cast with
 * {@code ::vector} (bind variables and inlined literals alike), and are read with {@code getString}. Null is null.
 */
public final class VectorBinding implements Binding<Object, Vector> {

    private static final Converter<Object, Vector> CONVERTER = Converter.ofNullable(Object.class, Vector.class,
            value -> value instanceof Vector vector ? vector : Vector.parse(value.toString()), Vector::toString);

    @Override
    public Converter<Object, Vector> converter() {
        return CONVERTER;
    }

    @Override
    public void sql(BindingSQLContext<Vector> ctx) {
        if (ctx.render().paramType() == ParamType.INLINED) {
            ctx.render().visit(DSL.inline(ctx.value() == null ? null : ctx.value().toString())).sql("::vector");
        } else {
            ctx.render().sql(ctx.variable()).sql("::vector");
        }
    }

    @Override
    public void register(BindingRegisterContext<Vector> ctx) throws java.sql.SQLException {
        ctx.statement().registerOutParameter(ctx.index(), Types.VARCHAR);
    }

    @Override
    public void set(BindingSetStatementContext<Vector> ctx) throws java.sql.SQLException {
        ctx.statement().setString(ctx.index(), ctx.value() == null ? null : ctx.value().toString());
    }

    @Override
    public void get(BindingGetResultSetContext<Vector> ctx) throws java.sql.SQLException {
        String text = ctx.resultSet().getString(ctx.index());
        ctx.value(text == null ? null : Vector.parse(text));
    }

    @Override
    public void get(BindingGetStatementContext<Vector> ctx) throws java.sql.SQLException {
        String text = ctx.statement().getString(ctx.index());
        ctx.value(text == null ? null : Vector.parse(text));
    }

    @Override
    public void set(BindingSetSQLOutputContext<Vector> ctx) throws java.sql.SQLException {
        throw new SQLFeatureNotSupportedException("vector is not a SQL structured type");
    }

    @Override
    public void get(BindingGetSQLInputContext<Vector> ctx) throws java.sql.SQLException {
        throw new SQLFeatureNotSupportedException("vector is not a SQL structured type");
    }
}
