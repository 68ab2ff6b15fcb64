/**
 * The trading-desk sample: a Spring Boot application that uses only the LaminarDB starter. {@link
 * io.laminardb.samples.tradingdesk.TradeFeed} pushes synthetic trades through an injected {@code Source<Trade>};
 * {@code schema.sql} turns them into one-second OHLC bars, VWAP and large-trade alerts; {@link
 * io.laminardb.samples.tradingdesk.DeskSinks} receives them in {@code @LaminarSink} methods.
 */
package io.laminardb.samples.tradingdesk;
