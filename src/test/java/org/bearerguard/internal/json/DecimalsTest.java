package org.bearerguard.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decimal literals read as the very double {@link Double#parseDouble} gives, to the last bit. */
class DecimalsTest {

    private static Object read(String literal) throws JsonException {
        return JsonReader.readObject("{\"n\":" + literal + "}").get("n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0", "-0.0", "0e5", "-0E-5", "1.5", "0.1", "0.3", "1e23", "8.41e21", "1e22", "1e-22",
            "9007199254740993.0", "9007199254740992.5", "2.2250738585072011e-308", "2.2250738585072012e-308",
            "2.2250738585072014E-308", "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "2e308", "1e400",
            "123456789012345678.9", "1234567890123456789.0", "12345678901234567890.5", "0.000000000000000000001",
            "7.2057594037927933e16", "1.00000000000000011102230246251565404236316680908203125", "3.0e-0", "1E+2",
            "5e-324", "1e-320", "1.5e300", "2.5e-324", "2.4e-324", "7.4e-324", "1e-330", "-1e-330", "1.2e-310",
            "2.225073858507201e-308", "2.2250738585072013e-308", "1e-308", "9.9999999999999999e-309", "1e308", "1e309",
            "-1e309", "1.7976931348623158079e308", "1e347", "1e348", "1e-348", "1e-349", "12345678901234567e-340", "-1.5e-300", "4.35e-7", "0.1e1", "100e-2"})
    void whenADecimalIsReadThenItIsExactlyTheDoubleParseDoubleGives(String literal) throws Exception {
        assertThat(read(literal)).isEqualTo(Double.valueOf(literal));
    }

    @Test
    void whenRandomDecimalsAreReadThenEachIsExactlyTheDoubleParseDoubleGives() throws Exception {
        var random = new Random(20261201L);
        for (int i = 0; i < 300_000; i++) {
            var literal = randomLiteral(random);
            assertThat(read(literal)).as(literal).isEqualTo(Double.valueOf(literal));
        }
    }

    /** Up to 20 significant digits, a decimal point anywhere, an exponent across and beyond the double range. */
    private static String randomLiteral(Random random) {
        var sb = new StringBuilder();
        if (random.nextBoolean()) {
            sb.append('-');
        }
        int digits = 1 + random.nextInt(random.nextInt(4) == 0 ? 20 : 17);
        var mantissa = new StringBuilder();
        mantissa.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < digits; i++) {
            mantissa.append((char) ('0' + random.nextInt(10)));
        }
        int point = random.nextInt(digits + 1);
        sb.append(point == 0 ? "0" : mantissa.substring(0, point)).append('.');
        sb.append(point == digits ? "0" : mantissa.substring(point));
        if (random.nextInt(8) != 0) {
            int exponent = random.nextInt(3) == 0 ? random.nextInt(60) - 340 : random.nextInt(700) - 350;
            sb.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(8) == 0 ? 300 + random.nextInt(40) : exponent);
        }
        return sb.toString();
    }
}
