-- Sensor readings and two queries over them, for the Actuator tests.
CREATE SOURCE readings (
    sensor  VARCHAR,
    reading DOUBLE NOT NULL,
    ts      TIMESTAMP(3),
    WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (buffer_size = 1024);

CREATE STREAM alerts AS
    SELECT sensor, reading, ts FROM readings WHERE reading > 100;

CREATE MATERIALIZED VIEW readings_per_sensor AS
    SELECT sensor, COUNT(*) AS n FROM readings GROUP BY sensor;
