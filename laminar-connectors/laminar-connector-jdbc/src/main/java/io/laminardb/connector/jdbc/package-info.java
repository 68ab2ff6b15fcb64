/**
 * The JDBC connector for PostgreSQL: tables whose rows are found by primary key in a PostgreSQL table when a lookup
 * join asks for them ({@code CREATE TABLE customers (...) WITH (connector = 'postgres', url = '...')}), behind the
 * engine's cache ({@code lookup.cache.ttl}).
 */
package io.laminardb.connector.jdbc;
