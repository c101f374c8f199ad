package org.bearerguard.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One number literal read where it stands in a text: its value, where it ends, and the offset of what is wrong. */
class NumberReaderTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"[7]|2", "[-12,3]|4", "[1.5e3}|6", "[0.25 ]|5", "[1E+2]|5", "[-0]|3",
            "[9223372036854775808]|20"})
    void whenALiteralIsReadThenItEndsJustBeforeTheFirstCharacterNotPartOfIt(String text, int end) throws Exception {
        var numbers = new NumberReader(text.toCharArray());

        numbers.read(1);

        assertThat(numbers.end()).isEqualTo(end);
    }

    @Test
    void whenIntegersAreReadThenEachIsALongUntilNoLongHoldsIt() throws Exception {
        assertThat(new NumberReader(" -9223372036854775808".toCharArray()).read(1)).isEqualTo(Long.MIN_VALUE);
        assertThat(new NumberReader(" 9223372036854775807".toCharArray()).read(1)).isEqualTo(Long.MAX_VALUE);
        assertThat(new NumberReader(" -9223372036854775809".toCharArray()).read(1))
                .isEqualTo(new BigInteger("-9223372036854775809"));
        assertThat(new NumberReader(" -0".toCharArray()).read(1)).isEqualTo(0L);
    }

    @Test
    void whenADecimalHasMoreThanNineteenSignificantDigitsThenItIsStillTheDoubleParseDoubleGives() throws Exception {
        var literal = "1.00000000000000011102230246251565404236316680908203125";

        assertThat(new NumberReader(literal.toCharArray()).read(0)).isEqualTo(Double.valueOf(literal));
        assertThat(new NumberReader("-0.0".toCharArray()).read(0)).isEqualTo(-0.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"[01]|expected no leading zeros at offset 3",
            "[-01.5]|expected no leading zeros at offset 4", "[-]|expected a digit at offset 2",
            "[-x]|expected a digit at offset 2", "[1.]|expected a digit at offset 3",
            "[1.e5]|expected a digit at offset 3", "[1e]|expected a digit at offset 3",
            "[1e+]|expected a digit at offset 4"})
    void whenALiteralBreaksTheGrammarThenTheMessageNamesTheOffsetWhereItDoes(String text, String message) {
        assertThatThrownBy(() -> new NumberReader(text.toCharArray()).read(1)).isInstanceOf(JsonException.class).hasMessage(message);
    }

    @Test
    void whenALiteralIsLongerThanTheLimitThenTheMessageNamesWhereItStarts() {
        var tooLong = "  " + "1".repeat(JsonReader.MAX_NUMBER_LENGTH - 3) + ".5e7";

        assertThatThrownBy(() -> new NumberReader(tooLong.toCharArray()).read(2))
                .hasMessage("expected a number of at most 64 characters at offset 2");
    }
}
