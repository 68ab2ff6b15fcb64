package io.laminardb.engine.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laminardb.engine.record.fixtures.AllTypes;
import io.laminardb.engine.record.fixtures.NonNullColumns;
import io.laminardb.engine.record.fixtures.Outer;
import io.laminardb.engine.record.fixtures.PojoTrade;
import io.laminardb.engine.record.fixtures.Side;
import io.laminardb.engine.record.fixtures.Trade;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class RecordTypesTest {

    @Test
    void tradeSchemaIsTheOneTheDesignPromises() {
        RecordType<Trade> type = RecordTypes.of(Trade.class);
        Schema schema = type.schema();

        assertThat(schema.getFields())
                .extracting(Field::getName, Field::getType, Field::isNullable)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("symbol", ArrowType.Utf8.INSTANCE, true),
                        org.assertj.core.groups.Tuple.tuple(
                                "price", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), false),
                        org.assertj.core.groups.Tuple.tuple("qty", new ArrowType.Int(64, true), false),
                        org.assertj.core.groups.Tuple.tuple(
                                "ts", new ArrowType.Timestamp(TimeUnit.MILLISECOND, null), true));
        assertThat(schema.getCustomMetadata()).containsEntry(RecordType.EVENT_TIME_KEY, "ts");
        assertThat(type.eventTimeColumn()).isEqualTo(3);
        assertThat(type.recordClass()).isEqualTo(Trade.class);
    }

    @Test
    void eventTimeIsEpochMillisAndNoEventTimeWhenNull() {
        RecordType<Trade> type = RecordTypes.of(Trade.class);
        Instant ts = Instant.parse("2026-11-21T09:30:00.123Z");

        assertThat(type.eventTime(new Trade("AAPL", 1, 1, ts))).isEqualTo(ts.toEpochMilli());
        assertThat(type.eventTime(new Trade("AAPL", 1, 1, null))).isEqualTo(RecordType.NO_EVENT_TIME);
    }

    @Test
    void columnClassesAreTheDeclaredJavaTypes() {
        RecordType<AllTypes> type = RecordTypes.of(AllTypes.class);
        List<String> names =
                type.schema().getFields().stream().map(Field::getName).toList();

        assertThat(type.columnClass(names.indexOf("num"))).isEqualTo(int.class);
        assertThat(type.columnClass(names.indexOf("numBox"))).isEqualTo(Integer.class);
        assertThat(type.columnClass(names.indexOf("local"))).isEqualTo(java.time.LocalDateTime.class);
        assertThat(type.columnClass(names.indexOf("bytes"))).isEqualTo(byte[].class);
        assertThat(type.columnClass(names.indexOf("tags"))).isEqualTo(List.class);
        assertThat(type.columnClass(names.indexOf("address")))
                .isEqualTo(io.laminardb.engine.record.fixtures.Address.class);
        assertThatThrownBy(() -> type.columnClass(names.size())).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void lookupsAreCachedPerClass() {
        assertThat(RecordTypes.of(Trade.class)).isSameAs(RecordTypes.of(Trade.class));
    }

    @Test
    void nestedRecordTypeIsFoundUnderItsOuterName() {
        assertThat(RecordTypes.generatedClassName(Outer.Inner.class))
                .isEqualTo("io.laminardb.engine.record.fixtures.Outer_Inner_RecordType");
        assertThat(RecordTypes.of(Outer.Inner.class).create("x", Side.BUY)).isEqualTo(new Outer.Inner("x", Side.BUY));
    }

    @Test
    void classWithoutRecordAnnotationIsRejectedWithHowToFixIt() {
        assertThatThrownBy(() -> RecordTypes.of(String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String is not a LaminarDB record type")
                .hasMessageContaining("@io.laminardb.annotations.Record");
    }

    @Test
    void javaBeanColumnsFollowFieldsSkippingStaticAndTransientAndHonourColumnNames() {
        Schema schema = RecordTypes.of(PojoTrade.class).schema();

        assertThat(schema.getFields()).extracting(Field::getName).containsExactly("symbol", "px", "active", "ts");
        assertThat(schema.findField("ts").getType()).isEqualTo(new ArrowType.Int(64, true));
        assertThat(schema.getCustomMetadata()).containsEntry(RecordType.EVENT_TIME_KEY, "ts");
    }

    @Test
    void nonNullAnnotationsAndColumnNullableFalseMakeNotNullColumns() {
        Map<String, Boolean> nullable = RecordTypes.of(NonNullColumns.class).schema().getFields().stream()
                .collect(Collectors.toMap(Field::getName, Field::isNullable));

        assertThat(nullable)
                .containsEntry("jspecify", false)
                .containsEntry("jakarta", false)
                .containsEntry("column", false)
                .containsEntry("nullable", true);
    }

    @Test
    void everyJavaTypeMapsToItsArrowType() {
        Map<String, Field> fields = RecordTypes.of(AllTypes.class).schema().getFields().stream()
                .collect(Collectors.toMap(Field::getName, Function.identity()));

        assertThat(fields.get("flag").getType()).isEqualTo(ArrowType.Bool.INSTANCE);
        assertThat(fields.get("tiny").getType()).isEqualTo(new ArrowType.Int(8, true));
        assertThat(fields.get("small").getType()).isEqualTo(new ArrowType.Int(16, true));
        assertThat(fields.get("num").getType()).isEqualTo(new ArrowType.Int(32, true));
        assertThat(fields.get("big").getType()).isEqualTo(new ArrowType.Int(64, true));
        assertThat(fields.get("real").getType()).isEqualTo(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
        assertThat(fields.get("numBox").getType()).isEqualTo(new ArrowType.Int(32, true));
        assertThat(fields.get("numBox").isNullable()).isTrue();
        assertThat(fields.get("num").isNullable()).isFalse();
        assertThat(fields.get("text").getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
        assertThat(fields.get("bytes").getType()).isEqualTo(ArrowType.Binary.INSTANCE);
        assertThat(fields.get("amount").getType()).isEqualTo(new ArrowType.Decimal(20, 4, 128));
        assertThat(fields.get("wide").getType()).isEqualTo(new ArrowType.Decimal(38, 18, 128));
        assertThat(fields.get("at").getType()).isEqualTo(new ArrowType.Timestamp(TimeUnit.MILLISECOND, null));
        assertThat(fields.get("atMicros").getType()).isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
        assertThat(fields.get("local").getType()).isEqualTo(new ArrowType.Timestamp(TimeUnit.MILLISECOND, null));
        assertThat(fields.get("offset").getType()).isEqualTo(new ArrowType.Timestamp(TimeUnit.MILLISECOND, null));
        assertThat(fields.get("day").getType()).isEqualTo(new ArrowType.Date(DateUnit.DAY));
        assertThat(fields.get("time").getType()).isEqualTo(new ArrowType.Time(TimeUnit.MILLISECOND, 32));
        assertThat(fields.get("timeMicros").getType()).isEqualTo(new ArrowType.Time(TimeUnit.MICROSECOND, 64));
        assertThat(fields.get("side").getType()).isEqualTo(ArrowType.Utf8.INSTANCE);

        Field address = fields.get("address");
        assertThat(address.getType()).isEqualTo(ArrowType.Struct.INSTANCE);
        assertThat(address.getChildren())
                .extracting(Field::getName, Field::isNullable)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("street", true),
                        org.assertj.core.groups.Tuple.tuple("number", false),
                        org.assertj.core.groups.Tuple.tuple("city", true));

        Field tags = fields.get("tags");
        assertThat(tags.getType()).isEqualTo(ArrowType.List.INSTANCE);
        assertThat(tags.getChildren()).singleElement().satisfies(item -> {
            assertThat(item.getName()).isEqualTo("item");
            assertThat(item.getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
        });

        Field matrix = fields.get("matrix");
        Field row = matrix.getChildren().get(0);
        assertThat(row.getType()).isEqualTo(ArrowType.List.INSTANCE);
        assertThat(row.getChildren().get(0).getType()).isEqualTo(new ArrowType.Int(32, true));
        assertThat(fields.get("addresses").getChildren().get(0).getType()).isEqualTo(ArrowType.Struct.INSTANCE);
    }

    @Test
    void columnsFollowDeclarationOrder() {
        List<String> names = RecordTypes.of(AllTypes.class).schema().getFields().stream()
                .map(Field::getName)
                .toList();

        assertThat(names).startsWith("flag", "tiny", "small", "num", "big").endsWith("tags", "addresses", "matrix");
    }
}
