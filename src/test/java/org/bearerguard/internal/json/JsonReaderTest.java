package org.bearerguard.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bearerguard.testing.Fuzz;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8259 as the request path reads it: strict, and in agreement with jose4j on what both accept. */
class JsonReaderTest {

    @Test
    void whenTheTextIsAnObjectThenEveryValueTypeIsRead() throws Exception {
        var map = JsonReader.readObject(" {\"s\":\"a\\\"b\\\\c\\u00e9\\n\", \"i\":-12, \"big\":123456789012345678901,"
                + " \"d\":1.5e3, \"t\":true, \"f\":false, \"n\":null, \"a\":[1,[2],{}], \"o\":{\"x\":{}}} ");

        assertThat(map).containsEntry("s", "a\"b\\c\u00e9\n").containsEntry("i", -12L)
                .containsEntry("big", new BigInteger("123456789012345678901")).containsEntry("d", 1500.0)
                .containsEntry("t", true).containsEntry("f", false).containsEntry("n", null)
                .containsEntry("a", List.of(1L, List.of(2L), Map.of())).containsEntry("o", Map.of("x", Map.of()));
        assertThat(map.keySet()).containsExactly("s", "i", "big", "d", "t", "f", "n", "a", "o");
    }

    @Test
    void whenAMemberNameIsAWellKnownOneThenEveryTextSharesItsOneString() throws Exception {
        var first = JsonReader.readObject("{\"iss\":1,\"preferred_username\":2,\"x-custom\":3}").keySet().toArray();
        var second = JsonReader.readObject("{\"iss\":4,\"preferred_username\":5,\"x-custom\":6}").keySet().toArray();

        assertThat(first[0]).isSameAs(second[0]).isEqualTo("iss");
        assertThat(first[1]).isSameAs(second[1]).isEqualTo("preferred_username");
        assertThat(first[2]).isNotSameAs(second[2]).isEqualTo("x-custom");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"iss\":1,\"\\u0069ss\":2}", "{\"\\u0069ss\":1,\"iss\":2}", "{\"iss\":1,\"iss\":2}"})
    void whenAWellKnownNameComesTwiceHoweverSpelledThenTheObjectIsRefused(String text) {
        assertThatThrownBy(() -> JsonReader.readObject(text)).hasMessageContaining("unique member names");
    }

    @Test
    void whenANameStartsLikeAWellKnownOneThenItIsReadInFull() throws Exception {
        assertThat(JsonReader.readObject("{\"iss\\\"x\":1,\"is\":2,\"issuer\":3}").keySet())
                .containsExactly("iss\"x", "is", "issuer");
    }

    @Test
    void whenAReadObjectIsSerializedThenItReadsBackEqual() throws Exception {
        // an application may keep a principal's claims in a replicated or passivated session
        var map = JsonReader.readObject("{\"aud\":[\"a\",null,[]],\"o\":{},\"n\":{\"roles\":[\"r\"]}}");
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(map);
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(map);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void whenAnObjectIsReadThenItAndEveryObjectAndArrayInItAreReadOnly() throws Exception {
        var map = JsonReader.readObject("{\"a\":[1,{\"b\":[]}],\"o\":{}}");
        var array = (List<Object>) map.get("a");
        var inner = (Map<String, Object>) array.get(1);

        assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(array::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> inner.remove("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<Object>) inner.get("b")).add(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((Map<String, Object>) map.get("o")).put("y", 2))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "\"s\"", "{", "{\"a\":1,\"a\":2}", "{\"a\":01}", "{\"a\":1}x", "{'a':1}",
            "{\"a\":\"\u0001\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":tru}", "{\"a\":1,}", "{\"a\" 1}",
            "{\"a\":-}", "{\"a\":1.}", "{\"a\":1e}", "{a:1}", "{\"a\":[1,]}", "{\"a\":NaN}"})
    void whenTheTextIsNotAStrictJsonObjectThenItIsRefused(String text) {
        assertThatThrownBy(() -> JsonReader.readObject(text)).isInstanceOf(JsonException.class)
                .hasMessageStartingWith("expected ");
    }

    @Test
    void whenNestingIsDeeperThanTheLimitThenItIsRefused() {
        var deep = "{\"a\":" + "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH) + "}";

        assertThatThrownBy(() -> JsonReader.readObject(deep)).hasMessageContaining("nesting");
    }

    @Test
    void whenEveryStringHasAnEscapeThenTheReaderAllocatesLinearlyInTheTextLength() throws Exception {
        var text = "{\"x\":[" + "\"\\n\",".repeat(2400) + "\"\\n\"]}";

        long bytes = allocatedBy(() -> JsonReader.readObject(text));

        assertThat(bytes).isLessThan(32L * text.length());
    }

    @Test
    void whenIntegersOverflowALongThenEachIsReadWithoutTheCostOfAnException() throws Exception {
        var text = "{\"x\":[" + "12345678901234567890,".repeat(580) + "1]}";

        long bytes = allocatedBy(() -> JsonReader.readObject(text));

        var x = (List<?>) JsonReader.readObject(text).get("x");
        assertThat(x).hasSize(581).first().isEqualTo(new BigInteger("12345678901234567890"));
        assertThat(x).last().isEqualTo(1L);
        assertThat(bytes).isLessThan(24L * text.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "7", "-7", "999999999999999999", "-999999999999999999", "9223372036854775807",
            "-9223372036854775808", "9223372036854775808", "-9223372036854775809", "10000000000000000000",
            "99999999999999999999", "1234567890123456789012345678901234567890"})
    void whenAnIntegerIsReadThenItIsALongWhereOneHoldsItElseABigInteger(String literal) throws Exception {
        var value = JsonReader.readObject("{\"n\":" + literal + "}").get("n");

        var exact = new BigInteger(literal);
        if (exact.bitLength() < 64) {
            assertThat(value).isEqualTo(exact.longValueExact());
        } else {
            assertThat(value).isEqualTo(exact);
        }
    }

    @Test
    void whenANumberLiteralIsLongerThanTheLimitThenItIsRefused() throws Exception {
        var longest = "1".repeat(JsonReader.MAX_NUMBER_LENGTH);
        var fraction = "0." + "5".repeat(JsonReader.MAX_NUMBER_LENGTH - 2);

        assertThat(JsonReader.readObject("{\"n\":" + longest + "}").get("n")).isEqualTo(new BigInteger(longest));
        assertThat(JsonReader.readObject("{\"n\":" + fraction + "}").get("n")).isEqualTo(0.5555555555555556);
        assertThatThrownBy(() -> JsonReader.readObject("{\"n\":" + longest + "1}")).isInstanceOf(JsonException.class)
                .hasMessage("expected a number of at most 64 characters at offset 5");
        assertThatThrownBy(() -> JsonReader.readObject("{\"n\":-" + longest + "}"))
                .hasMessage("expected a number of at most 64 characters at offset 5");
        assertThatThrownBy(() -> JsonReader.readObject("{\"n\":" + fraction + "5}"))
                .hasMessage("expected a number of at most 64 characters at offset 5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uff10\uff10\uff14\uff11", "00\uff14\uff11", "\u0660\u0660\u0664\u0661",
            "004\u0661", "\u0966\u0966\u096a\u0967", "00 41", "004g"})
    void whenAUnicodeEscapeHasAnythingButFourAsciiHexDigitsThenItIsRefused(String digits) {
        assertThatThrownBy(() -> JsonReader.readObject("{\"a\":\"\\u" + digits + "\"}")).isInstanceOf(JsonException.class)
                .hasMessageStartingWith("expected four hex digits at offset ");
    }

    /** {@code H} and {@code L} stand for a raw high (U+D83D) and low (U+DE00) surrogate, {@code \\u} for escapes. */
    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "\\udc00x", "\\udbff", "\\ud800x", "\\ud800\\u0041", "\\ud800\\ud800",
            "\\udc00\\ud800", "a\\ud83d", "\\ud83d\\n", "\\ude00\\ud83d", "H", "Lx", "xH", "LH", "HH", "\\ud83dL",
            "H\\ude00", "\\nH", "\\nL"})
    void whenASurrogateIsUnpairedThenTheStringIsRefused(String content) {
        var raw = content.replace("H", String.valueOf((char) 0xD83D)).replace("L", String.valueOf((char) 0xDE00));

        assertThatThrownBy(() -> JsonReader.readObject("{\"a\":\"" + raw + "\"}"))
                .isInstanceOf(JsonException.class).hasMessageStartingWith("expected paired surrogates at offset ");
    }

    @Test
    void whenSurrogatesArePairedThenTheCharacterIsRead() throws Exception {
        var map = JsonReader.readObject("{\"e\":\"\\ud83d\\ude00\", \"E\":\"\\uD83D\\uDE00!\", \"r\":\"\ud83d\ude00\","
                + " \"m\":\"\\n\ud83d\ude00\\u00e9\"}");

        assertThat(map).containsEntry("e", "\ud83d\ude00").containsEntry("E", "\ud83d\ude00!")
                .containsEntry("r", "\ud83d\ude00").containsEntry("m", "\n\ud83d\ude00\u00e9");
    }

    /** Bytes this thread allocates for one call, after a few calls to let the JIT settle. */
    private static long allocatedBy(java.util.concurrent.Callable<?> work) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 5; i++) {
            work.call();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        work.call();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void whateverJose4jReadsAsAnObjectWeReadTheSame() {
        Fuzz.run(JsonReaderTest::randomObject, text ->
                assertThat(JsonReader.readObject(text)).isEqualTo(JsonUtil.parseJson(text)));
    }

    /** A JSON object of random strings, numbers, booleans, nulls, arrays and objects, written by jose4j. */
    private static String randomObject(Random random) {
        return JsonUtil.toJson(randomMap(random, 0));
    }

    private static Map<String, Object> randomMap(Random random, int depth) {
        var map = new java.util.LinkedHashMap<String, Object>();
        for (int i = random.nextInt(6); i > 0; i--) {
            map.put(randomString(random), randomValue(random, depth + 1));
        }
        return map;
    }

    private static Object randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 4 ? 5 : 7)) {
            case 0 -> randomString(random);
            case 1 -> random.nextLong();
            case 2 -> random.nextInt(1000) - 500;
            case 3 -> random.nextBoolean();
            case 4 -> null;
            case 5 -> java.util.Arrays.asList(randomValue(random, depth + 1), randomString(random));
            default -> randomMap(random, depth);
        };
    }

    private static String randomString(Random random) {
        var chars = new char[random.nextInt(12)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = random.nextInt(5) == 0 ? (char) (random.nextInt(0x2000)) : (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }
}
