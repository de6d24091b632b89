package org.communitycarbon.support.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.function.Function;

/**
 * PostgreSQL array parameters, the way the platform binds a whole batch to one statement:
 * {@code INSERT ... SELECT * FROM unnest(?::uuid[], ?::text[], ...)} or {@code WHERE id = ANY(?)}.
 * One round trip per batch, whatever its size.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    /** A value of one column for every element of a batch. */
    public record Column(String sqlType, Object[] values) {
    }

    public static Column of(String sqlType, Object[] values) {
        return new Column(sqlType, values);
    }

    /** One column taken from each element of {@code items}. */
    public static <T> Column of(String sqlType, Collection<T> items, Function<T, ?> value) {
        return new Column(sqlType, items.stream().map(value).toArray());
    }

    public static Column bigints(Collection<Long> values) {
        return new Column("bigint", values.toArray());
    }

    public static Column texts(Collection<String> values) {
        return new Column("text", values.toArray());
    }

    /** Prepares {@code sql} with the columns as array parameters 1..n. */
    public static PreparedStatement statement(Connection connection, String sql, Column... columns) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < columns.length; i++) {
            Array array = connection.createArrayOf(columns[i].sqlType(), columns[i].values());
            statement.setArray(i + 1, array);
        }
        return statement;
    }
}
