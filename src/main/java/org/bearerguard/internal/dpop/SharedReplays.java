package org.bearerguard.internal.dpop;

import java.time.Instant;
import org.bearerguard.internal.region.FirstWrites;

/**
 * Used proofs across every process that shares the cache (RFC 9449 §11.1): a proof accepted on one node is refused
 * on every other. Each proof is first remembered in this process's {@link LocalReplays} (which keeps the bounds, and
 * catches a replay to this node even while the region is down), then written once into a {@link FirstWrites}
 * region whose entries expire with the proof window: of two nodes that get the same proof, exactly one is first.
 *
 * <p>The region holds only {@link ReplayKey}s (digests of {@code htu}, {@code jti} and the key thumbprint): nothing
 * secret, and nothing that can make a proof pass. Whoever can write to the region can at most block proofs whose
 * {@code jti} it guesses, or remove entries and so reopen replay across nodes.
 *
 * <p>With the region unreachable, each process keeps its own store: a proof replayed to the node that accepted it is
 * still refused, one replayed to another node may pass there once.
 *
 * <p>Threads and locks: none of its own; see {@link LocalReplays} and the region.
 */
public final class SharedReplays implements Replays {

    private final LocalReplays local;
    private final FirstWrites region;

    public SharedReplays(LocalReplays local, FirstWrites region) {
        this.local = local;
        this.region = region;
    }

    @Override
    public Outcome firstUse(String replayKey, String thumbprint, Instant until) {
        var here = local.firstUse(replayKey, thumbprint, until);
        if (here != Outcome.FIRST) {
            return here;
        }
        return region.first(replayKey) ? Outcome.FIRST : Outcome.REPLAYED;
    }
}
