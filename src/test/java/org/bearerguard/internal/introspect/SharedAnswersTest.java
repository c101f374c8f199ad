package org.bearerguard.internal.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.region.BlockingRegion;
import org.bearerguard.testing.IntrospectionServer;
import org.bearerguard.testing.MutableClock;
import org.bearerguard.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lease and the answers of one region as two processes see them. */
class SharedAnswersTest {

    private final MutableClock clock = new MutableClock();
    private final BearerConfig config = TestConfig.issuer("https://id.example.com")
            .with("bearer.introspection", "opaque")
            .with("bearer.introspection.client-id", IntrospectionServer.CLIENT_ID)
            .with("bearer.introspection.client-secret", IntrospectionServer.CLIENT_SECRET)
            .build();
    private final BlockingRegion region = BlockingRegion.openShared(config.cache());

    @AfterEach
    void close() {
        region.release();
        region.close();
    }

    private SharedAnswers process(String holder) {
        var issuer = config.issuers().get(0);
        return new SharedAnswers(region.region().sealedEntries("answers", Duration.ofMinutes(2), "acts alone"),
                issuer, holder, Duration.ofSeconds(17), clock);
    }

    @Test
    void whenAProcessReleasesALeaseItDoesNotHoldThenTheHoldersLeaseStays() {
        var a = process("a");
        var b = process("b");
        var held = a.lease("digest");
        assertThat(held).isNotNull();

        b.release("digest", "b " + clock.instant().plusSeconds(17).toEpochMilli());

        assertThat(b.lease("digest")).isNull();
        a.release("digest", held);
        assertThat(b.lease("digest")).isNotNull();
    }

    @Test
    void whenTheRegionHangsThenALookUpGivesUpWithinASecond() throws Exception {
        var a = process("a");
        region.block();
        long start = System.nanoTime();

        assertThat(a.lease("digest")).isNotNull(); // the region failing: act alone

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(region.held()).isPositive();
    }
}
