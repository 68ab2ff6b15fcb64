package io.laminardb.connector.kafka;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The program a crash test runs in a child JVM: begins a transaction, sends records, prepares it, writes the handle to
 * a file and waits to be killed, as an application would between a checkpoint and its commit.
 *
 * <p>Arguments: bootstrap servers, topic, transactional id, number of records, handle file, transaction timeout (ms).
 */
public final class PrepareThenWait {

    private PrepareThenWait() {}

    public static void main(String[] args) throws Exception {
        String bootstrapServers = args[0];
        String topic = args[1];
        String transactionalId = args[2];
        int records = Integer.parseInt(args[3]);
        Path handleFile = Path.of(args[4]);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, args[5]);
        ResumableTransactionalProducer producer = ResumableTransactionalProducer.open(config, transactionalId);
        producer.begin();
        for (int i = 0; i < records; i++) {
            producer.send(new ProducerRecord<>(
                    topic, ("k" + i).getBytes(StandardCharsets.UTF_8), ("r" + i).getBytes(StandardCharsets.UTF_8)));
        }
        byte[] handle = producer.prepare();
        Path written = handleFile.resolveSibling(handleFile.getFileName() + ".tmp");
        Files.write(written, handle);
        Files.move(written, handleFile, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("prepared " + KafkaTransactionHandle.fromBytes(handle));
        Thread.sleep(Long.MAX_VALUE);
    }
}
