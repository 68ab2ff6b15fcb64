/**
 * Column values between their forms: SQL types and Arrow types ({@link io.laminardb.engine.value.SqlTypes}), record
 * field values and SQL values ({@link io.laminardb.engine.value.SqlValues}), SQL values in Arrow vectors ({@link
 * io.laminardb.engine.value.ArrowValues}). One place for every conversion, so that a typed push, an untyped push, an
 * {@code INSERT} and an Arrow batch all give a subscriber the same values.
 */
package io.laminardb.engine.value;
