package org.bearerguard.internal.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ReplayKeyTest {

    private static final String HTU = "https://api.example/orders";
    private static final String JKT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    @Test
    void whenComputedThenBase64urlSha256OfHtuJtiAndThumbprintOnLines() throws Exception {
        var expected = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest((HTU + "\nj-1\n" + JKT).getBytes(StandardCharsets.UTF_8)));

        assertThat(ReplayKey.of(HTU, "j-1", JKT)).isEqualTo(expected).hasSize(43);
    }

    @Test
    void whenAnyPartDiffersThenTheKeyDiffers() {
        var key = ReplayKey.of(HTU, "j-1", JKT);

        assertThat(ReplayKey.of(HTU + "/1", "j-1", JKT)).isNotEqualTo(key);
        assertThat(ReplayKey.of(HTU, "j-2", JKT)).isNotEqualTo(key);
        assertThat(ReplayKey.of(HTU, "j-1", "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k")).isNotEqualTo(key);
    }

    @Test
    void whenTheJtiIsLongOrUnusualThenTheKeyStaysShort() {
        assertThat(ReplayKey.of(HTU, "\u00e9\n\"".repeat(80), JKT)).matches("[A-Za-z0-9_-]{43}");
    }
}
