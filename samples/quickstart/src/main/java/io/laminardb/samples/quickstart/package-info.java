/** The quickstart sample: {@code @Record} types and their Arrow form, in plain Java. */
package io.laminardb.samples.quickstart;
