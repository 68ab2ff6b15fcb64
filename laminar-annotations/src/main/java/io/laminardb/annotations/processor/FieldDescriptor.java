package io.laminardb.annotations.processor;

import javax.lang.model.element.Element;

/**
 * One column of a record: where its value comes from, what it is called, and how it is stored.
 *
 * @param element the record component or field, for error positions
 * @param fieldName the Java name
 * @param columnName the column name ({@code @Column("...")} or the Java name)
 * @param type the resolved value type
 * @param nullable whether the column accepts null
 * @param getter how to read the value: a method name followed by {@code ()}, or a field name
 * @param setter how to set the value on a no-arg-constructed instance: a method name followed by {@code ()}, a field
 *     name, or null when the record is built through a constructor
 */
record FieldDescriptor(
        Element element,
        String fieldName,
        String columnName,
        ValueType type,
        boolean nullable,
        String getter,
        String setter) {}
