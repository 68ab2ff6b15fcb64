-- Sources for the @LaminarSource method tests.
CREATE SOURCE ticks (symbol VARCHAR, price DOUBLE NOT NULL, seq BIGINT NOT NULL);
CREATE SOURCE readings (sensor VARCHAR, reading DOUBLE);
