package org.cairn.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plain JDBC against the service's own database, for tests that check what was (or was not)
 * written. It reads the same datasource settings as the application under test.
 */
public final class Sql {

    private Sql() {}

    /** Rows of a query, each as column name → value; a collection parameter binds as a text array. */
    public static List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection connection = connect();
                PreparedStatement statement = prepare(connection, sql, params);
                ResultSet rs = statement.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /** The single number a query such as {@code select count(*) ...} returns. */
    public static long number(String sql, Object... params) {
        Object value = query(sql, params).get(0).values().iterator().next();
        return value == null ? 0 : ((Number) value).longValue();
    }

    public static int update(String sql, Object... params) {
        try (Connection connection = connect();
                PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("update failed: " + sql, e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof java.util.Collection<?> values) {
                statement.setArray(i + 1, connection.createArrayOf("varchar", values.toArray()));
            } else {
                statement.setObject(i + 1, params[i]);
            }
        }
        return statement;
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class)
                        .orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class)
                        .orElse(null));
    }
}
