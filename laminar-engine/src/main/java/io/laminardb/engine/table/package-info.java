/**
 * Reference tables ({@code CREATE TABLE}): their current rows by primary key, and the changes to them, which reach
 * subscriptions and continuous queries as a changelog.
 */
package io.laminardb.engine.table;
