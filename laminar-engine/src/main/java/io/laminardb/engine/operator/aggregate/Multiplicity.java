package io.laminardb.engine.operator.aggregate;

/** How often one value is present in a state's multiset; mutable, so that a repeated value costs no boxing. */
final class Multiplicity {
    int count;
}
