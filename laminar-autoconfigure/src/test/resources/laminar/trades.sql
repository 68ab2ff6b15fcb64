-- Trades and two queries over them, for the auto-configuration tests.
CREATE SOURCE trades (
    symbol VARCHAR,
    price  DOUBLE NOT NULL,
    qty    BIGINT NOT NULL,
    ts     TIMESTAMP(3),
    WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
);

CREATE STREAM large_trades AS
    SELECT symbol, price, qty, ts FROM trades WHERE qty >= 1000;

CREATE MATERIALIZED VIEW volume AS
    SELECT symbol, SUM(qty) AS total FROM trades GROUP BY symbol;
