package io.laminardb.benchmarks.nexmark;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes bids straight into the vectors of an Arrow batch in the {@code bid} source's schema, for runs that push
 * batches: {@link #add} a bid at a time, {@link #take} the batch to push (handed over) and start a new one.
 */
final class BidBatches implements AutoCloseable {

    private final Schema schema;
    private final BufferAllocator allocator;
    private VectorSchemaRoot root;
    private BigIntVector auction;
    private BigIntVector bidder;
    private BigIntVector price;
    private VarCharVector channel;
    private VarCharVector url;
    private TimeStampMilliVector dateTime;
    private VarCharVector extra;
    private int rows;

    BidBatches(Schema schema, BufferAllocator allocator) {
        this.schema = schema;
        this.allocator = allocator;
        fresh();
    }

    private void fresh() {
        root = VectorSchemaRoot.create(schema, allocator);
        auction = (BigIntVector) root.getVector("auction");
        bidder = (BigIntVector) root.getVector("bidder");
        price = (BigIntVector) root.getVector("price");
        channel = (VarCharVector) root.getVector("channel");
        url = (VarCharVector) root.getVector("url");
        dateTime = (TimeStampMilliVector) root.getVector("dateTime");
        extra = (VarCharVector) root.getVector("extra");
        rows = 0;
    }

    /** Appends a bid; returns the rows in the batch now. */
    int add(Bid bid) {
        int i = rows;
        auction.setSafe(i, bid.auction());
        bidder.setSafe(i, bid.bidder());
        price.setSafe(i, bid.price());
        setString(channel, i, bid.channel());
        setString(url, i, bid.url());
        if (bid.dateTime() == null) {
            dateTime.setNull(i);
        } else {
            dateTime.setSafe(i, bid.dateTime().toEpochMilli());
        }
        setString(extra, i, bid.extra());
        return ++rows;
    }

    private static void setString(VarCharVector vector, int i, String value) {
        if (value == null) {
            vector.setNull(i);
        } else {
            vector.setSafe(i, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    int size() {
        return rows;
    }

    /** The batch of the bids added since the last take; the caller owns it. */
    VectorSchemaRoot take() {
        VectorSchemaRoot batch = root;
        batch.setRowCount(rows);
        fresh();
        return batch;
    }

    @Override
    public void close() {
        root.close();
    }
}
