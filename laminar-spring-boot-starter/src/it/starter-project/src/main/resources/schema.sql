CREATE SOURCE trades (symbol VARCHAR, price DOUBLE NOT NULL, qty BIGINT NOT NULL, ts TIMESTAMP(3),
                      WATERMARK FOR ts AS ts - INTERVAL '200' MILLISECOND);

CREATE STREAM large_trades AS SELECT symbol, price, qty, ts FROM trades WHERE qty >= 5000;
