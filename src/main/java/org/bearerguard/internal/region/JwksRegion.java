package org.bearerguard.internal.region;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.config.BearerConfigException;
import org.bearerguard.internal.config.IssuerConfig;

/**
 * The JCache region shared by every process that uses the same cache. Each issuer sees it through an
 * {@link IssuerRegion}, which keeps these entries, named by the issuer's
 * {@link IssuerConfig#regionKey() region key} (the issuer and a digest of where its keys come from):
 *
 * <ul>
 *   <li>{@code <key>}: the key set as fetched ({@link CachedJwks}), with its generation;</li>
 *   <li>{@code lease <key>}: which process is fetching, and until when ({@link Lease}), so one process fetches
 *       while the others wait for the key set to appear;</li>
 *   <li>{@code unknown-kid <key>}: when an unknown {@code kid} last caused a fetch anywhere, for the
 *       cluster-wide allowance;</li>
 *   <li>{@code backoff <key>}: after failed fetches, until when no process tries the issuer again, and after how
 *       many failures ({@link Backoff}).</li>
 * </ul>
 *
 * The region is not trusted: every value is sealed with the cache secret ({@link EntrySeal}) and checked against
 * bounds ({@link EntryBounds}) before use. Only portable JCache operations are used ({@code get}, {@code put},
 * {@code putIfAbsent}, {@code replace(k, old, new)}, {@code remove(k[, v])}), so any provider works. A cache that
 * fails never fails a request: reads become misses, writes are skipped, this process acts alone (its own lease, its
 * own allowance), and the trouble is logged once, as is the recovery.
 */
public final class JwksRegion implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JwksRegion.class.getName());
    /** Entries carry their own expiry; this only keeps a forgotten issuer from staying forever. */
    private static final javax.cache.expiry.Duration ENTRY_LIFETIME =
            new javax.cache.expiry.Duration(TimeUnit.DAYS, 7);

    private final RegionHandle handle;
    private final CacheManager manager;
    private final Runnable close;
    private final EntrySeal seal;
    private final boolean shared;

    JwksRegion(String name, CacheManager manager, Runnable close, EntrySeal seal, boolean shared) {
        this.handle = new RegionHandle(name, manager, ENTRY_LIFETIME, "keeps its keys and fetches on its own");
        this.manager = manager;
        this.close = close;
        this.seal = seal;
        this.shared = shared;
    }

    /**
     * Opens the configured region ({@code bearer.cache.*}). A provider that cannot be opened at all (unknown class,
     * missing jar, bad file) fails the deployment; a distributed cache that cannot be reached right now does not:
     * the region is reached on first use, and until then this process keeps keys on its own.
     */
    public static JwksRegion open(BearerConfig.CacheSettings settings) {
        var opened = CacheManagers.open(settings);
        var region = new JwksRegion(settings.regionName(), opened.manager(), opened.close(), EntrySeal.of(settings),
                settings.shared());
        LOG.log(Level.INFO, "bearer-guard: keys kept in JCache region ''{0}'' of {1}", settings.regionName(),
                opened.description());
        try {
            region.handle.reachNow();
        } catch (ClassCastException | IllegalArgumentException e) {
            opened.close().run();
            throw new BearerConfigException("cannot open JCache region '" + settings.regionName() + "' of "
                    + opened.description() + ": " + e.getMessage());
        } catch (RuntimeException unreachable) {
            region.handle.failed(unreachable);
        }
        return region;
    }

    /** Whether other processes share this region (every provider but the in-process {@code ehcache}). */
    public boolean shared() {
        return shared;
    }

    /**
     * A region beside this one on the same provider whose entries are written once and expire {@code lifetime}
     * after: used DPoP proofs ({@code dpop.SharedReplays}).
     *
     * @param meanwhile what this process does while the region fails, for the warning
     */
    public FirstWrites firstWrites(String name, java.time.Duration lifetime, String meanwhile) {
        return new FirstWrites(new RegionHandle(name, manager,
                new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, lifetime.toMillis()), meanwhile, true));
    }

    /**
     * A region beside this one on the same provider whose entries are sealed like this one's and expire
     * {@code lifetime} after their creation: introspection answers ({@code introspect.Introspector}).
     */
    public SealedEntries sealedEntries(String name, java.time.Duration lifetime, String meanwhile) {
        return new SealedEntries(new RegionHandle(name, manager,
                new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, lifetime.toMillis()), meanwhile), seal);
    }

    /** This region as one issuer sees it: its entries, checked against its settings, at the time of its clock. */
    public IssuerRegion forIssuer(IssuerConfig issuer, Clock clock) {
        return new IssuerRegion(this, issuer, clock);
    }

    String name() {
        return handle.name();
    }

    EntrySeal seal() {
        return seal;
    }

    /**
     * Runs one operation on the region. When the region fails (or cannot be reached yet), the answer is
     * {@code whenFailing}: the caller then acts alone.
     */
    <T> T call(Function<Cache<String, String>, T> operation, Supplier<T> whenFailing) {
        return handle.call(operation, whenFailing);
    }

    @Override
    public void close() {
        close.run();
    }
}
