-- The trading desk: everything the application computes, declared here and run by the starter at start-up.

-- Trades as the feed pushes them. The watermark trails the newest trade by 200 ms: a one-second window closes,
-- and its bar leaves, 200 ms after the second is over.
CREATE SOURCE trades (
    symbol VARCHAR,
    price  DOUBLE NOT NULL,
    qty    BIGINT NOT NULL,
    ts     TIMESTAMP(3),
    WATERMARK FOR ts AS ts - INTERVAL '200' MILLISECOND
);

-- One-second OHLC bars with the volume-weighted average price, per symbol. (OPEN is a reserved word in SQL, hence
-- the _price names.)
CREATE STREAM bars AS
    SELECT symbol,
           window_start,
           FIRST_VALUE(price)          AS open_price,
           MAX(price)                  AS high_price,
           MIN(price)                  AS low_price,
           LAST_VALUE(price)           AS close_price,
           SUM(qty)                    AS volume,
           SUM(price * qty) / SUM(qty) AS vwap
    FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' SECOND))
    GROUP BY symbol, window_start, window_end
    EMIT ON WINDOW CLOSE;

-- What the desk knows of each instrument: a reference table, kept up to date with INSERT (an upsert by key).
CREATE TABLE instruments (
    symbol VARCHAR NOT NULL,
    name   VARCHAR,
    sector VARCHAR,
    PRIMARY KEY (symbol)
);

INSERT INTO instruments VALUES
    ('AAPL', 'Apple', 'Technology'),
    ('MSFT', 'Microsoft', 'Technology'),
    ('NVDA', 'NVIDIA', 'Semiconductors'),
    ('AMZN', 'Amazon', 'Consumer'),
    ('GOOG', 'Alphabet', 'Communication');

-- Trades of 5,000 shares or more, as they happen, with the instrument's name and sector looked up in the table.
CREATE STREAM large_trades AS
    SELECT t.symbol, i.name, i.sector, t.price, t.qty, t.ts
    FROM trades t LEFT JOIN instruments i ON t.symbol = i.symbol
    WHERE t.qty >= 5000;

-- The volume traded per symbol since start-up, queryable at any time with db.query(...).
CREATE MATERIALIZED VIEW volume_by_symbol AS
    SELECT symbol, COUNT(*) AS trades, SUM(qty) AS volume FROM trades GROUP BY symbol;
