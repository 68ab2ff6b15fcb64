package io.laminardb.samples.tradingdesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the trading desk; Actuator answers at http://localhost:8080/actuator/laminar. */
@SpringBootApplication
public class TradingDeskApplication {

    public static void main(String[] args) {
        SpringApplication.run(TradingDeskApplication.class, args);
    }
}
