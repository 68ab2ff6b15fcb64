package io.laminardb.connector.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Reflective access to the {@code TransactionManager} inside a {@link KafkaProducer}: reading the producer id and
 * epoch of a transaction, and giving a new producer a transaction another process left open.
 *
 * <p><b>Why reflection.</b> Kafka's public API cannot commit a transaction begun by another process. KIP-939 (two-phase
 * commit) plans {@code initTransactions(keepPreparedTxn)}, {@code prepareTransaction()} and {@code
 * completeTransaction(PreparedTxnState)} for that, but kafka-clients 4.4.0 has only pieces of it, inside the
 * producer: its {@code TransactionManager} never sends the {@code Enable2Pc} or {@code KeepPreparedTxn} fields of
 * {@code InitProducerId}, and a 4.3.1 broker answers {@code keepPreparedTxn} with {@code UNSUPPORTED_VERSION}. So this
 * class does what Flink's {@code FlinkKafkaInternalProducer.resumeTransaction} does: it puts the producer id and epoch
 * of the open transaction into a fresh producer's manager, whose {@code commitTransaction()} then sends {@code EndTxn}
 * for it. It uses KIP-939's client-side state {@code PREPARED_TRANSACTION} (in kafka-clients since 4.1) for a
 * transaction that must neither take more records nor be aborted when the producer closes.
 *
 * <p>Checked against kafka-clients {@value #CHECKED_VERSION} (and 4.3.1) with a 4.3.1 broker. The members it needs
 * are looked up once; when one is missing every method fails with an {@link UnsupportedOperationException} that names
 * the member and the kafka-clients version found.
 *
 * <p>Thread safety: each method locks the manager, as the manager's own methods do, so the producer's I/O thread
 * never sees a half-made change.
 */
final class TransactionManagerAccess {

    /** The kafka-clients version this class was checked against. */
    static final String CHECKED_VERSION = "4.4.0";

    private static final Members MEMBERS;
    private static final RuntimeException MISSING;

    static {
        Members members = null;
        RuntimeException missing = null;
        try {
            members = new Members();
        } catch (ReflectiveOperationException | RuntimeException e) {
            missing = new UnsupportedOperationException(
                    "Exactly-once Kafka sinks need internals of kafka-clients that version " + kafkaClientsVersion()
                            + " does not have (" + e + "); they were checked against kafka-clients "
                            + CHECKED_VERSION + ".",
                    e);
        }
        MEMBERS = members;
        MISSING = missing;
    }

    private final Object manager;

    private TransactionManagerAccess(Object manager) {
        this.manager = manager;
    }

    /**
     * The manager of {@code producer}.
     *
     * @throws UnsupportedOperationException when this kafka-clients lacks what this class needs
     * @throws IllegalArgumentException when {@code producer} has no {@code transactional.id}
     */
    static TransactionManagerAccess of(KafkaProducer<?, ?> producer) {
        Members members = members();
        Object manager = members.get(members.transactionManager, producer);
        if (manager == null) {
            throw new IllegalArgumentException("The producer has no transactional.id");
        }
        return new TransactionManagerAccess(manager);
    }

    /** Fails unless the internals are there; for a check at start-up. */
    static void check() {
        members();
    }

    /** The producer id the coordinator gave the producer; -1 before {@code initTransactions()}. */
    long producerId() {
        synchronized (manager) {
            return (long) MEMBERS.get(MEMBERS.producerId, MEMBERS.get(MEMBERS.producerIdAndEpoch, manager));
        }
    }

    /** The producer epoch; -1 before {@code initTransactions()}. */
    short epoch() {
        synchronized (manager) {
            return (short) MEMBERS.get(MEMBERS.epoch, MEMBERS.get(MEMBERS.producerIdAndEpoch, manager));
        }
    }

    /** Whether the open transaction has sent anything, so that committing it sends {@code EndTxn}. */
    boolean transactionStarted() {
        return (boolean) MEMBERS.get(MEMBERS.transactionStarted, manager);
    }

    /** Whether the producer runs Kafka's transaction protocol 2 (KIP-890), under which each EndTxn bumps the epoch. */
    boolean transactionV2() {
        return (boolean) MEMBERS.invoke(MEMBERS.isTransactionV2Enabled, manager);
    }

    /**
     * The open transaction, every record of which was sent, takes no more and survives a graceful {@code close()}
     * (the producer aborts only a transaction {@code IN_TRANSACTION} when it closes). It can still be committed or
     * aborted. Sends nothing.
     */
    void prepare() {
        MEMBERS.invoke(MEMBERS.prepareTransaction, manager);
    }

    /**
     * Gives this producer, on which {@code initTransactions()} was not called, the open transaction of another
     * process, as prepared: {@code commitTransaction()} or {@code abortTransaction()} then ends it.
     */
    void resumePrepared(KafkaTransactionHandle handle) {
        synchronized (manager) {
            Object idAndEpoch = MEMBERS.newProducerIdAndEpoch(handle.producerId(), handle.epoch());
            MEMBERS.invoke(MEMBERS.transitionTo, manager, MEMBERS.state("INITIALIZING"));
            MEMBERS.set(MEMBERS.producerIdAndEpoch, manager, idAndEpoch);
            MEMBERS.set(MEMBERS.isTransactionV2EnabledField, manager, handle.transactionV2());
            MEMBERS.invoke(MEMBERS.transitionTo, manager, MEMBERS.state("PREPARED_TRANSACTION"));
            MEMBERS.set(MEMBERS.preparedTxnState, manager, idAndEpoch);
            MEMBERS.set(MEMBERS.transactionStarted, manager, true);
        }
    }

    private static Members members() {
        if (MISSING != null) {
            throw MISSING;
        }
        return MEMBERS;
    }

    /** The version in kafka-clients' own {@code kafka/kafka-version.properties}. */
    static String kafkaClientsVersion() {
        try (InputStream in = KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The members used, looked up once. */
    private static final class Members {

        final Field transactionManager;
        final Field producerIdAndEpoch;
        final Field producerId;
        final Field epoch;
        final Constructor<?> producerIdAndEpochConstructor;
        final Field transactionStarted;
        final Field isTransactionV2EnabledField;
        final Field preparedTxnState;
        final Method isTransactionV2Enabled;
        final Method prepareTransaction;
        final Method transitionTo;
        final Class<?> stateType;

        Members() throws ReflectiveOperationException {
            transactionManager = field(KafkaProducer.class, "transactionManager");
            Class<?> managerType = transactionManager.getType();
            producerIdAndEpoch = field(managerType, "producerIdAndEpoch");
            // org.apache.kafka.common.utils in 4.3, common.utils.internals in 4.4: taken from the field.
            Class<?> idAndEpochType = producerIdAndEpoch.getType();
            producerId = field(idAndEpochType, "producerId");
            epoch = field(idAndEpochType, "epoch");
            producerIdAndEpochConstructor = idAndEpochType.getDeclaredConstructor(long.class, short.class);
            producerIdAndEpochConstructor.setAccessible(true);
            transactionStarted = field(managerType, "transactionStarted");
            isTransactionV2EnabledField = field(managerType, "isTransactionV2Enabled");
            preparedTxnState = field(managerType, "preparedTxnState");
            isTransactionV2Enabled = managerType.getMethod("isTransactionV2Enabled");
            prepareTransaction = managerType.getMethod("prepareTransaction");
            stateType = Class.forName(managerType.getName() + "$State", false, managerType.getClassLoader());
            transitionTo = managerType.getDeclaredMethod("transitionTo", stateType);
            transitionTo.setAccessible(true);
            state("INITIALIZING");
            state("PREPARED_TRANSACTION");
        }

        private static Field field(Class<?> type, String name) throws NoSuchFieldException {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Object state(String name) {
            return Enum.valueOf((Class<? extends Enum>) stateType, name);
        }

        Object newProducerIdAndEpoch(long id, short epochValue) {
            try {
                return producerIdAndEpochConstructor.newInstance(id, epochValue);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        Object get(Field field, Object target) {
            try {
                return field.get(target);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        void set(Field field, Object target, Object value) {
            try {
                field.set(target, value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        Object invoke(Method method, Object target, Object... args) {
            try {
                return method.invoke(target, args);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(cause);
            }
        }
    }
}
