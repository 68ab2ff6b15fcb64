CREATE SOURCE trades (symbol VARCHAR NOT NULL, price DOUBLE NOT NULL);

CREATE STREAM expensive AS
    SELECT symbol, price FROM trades WHERE price >> 100;
