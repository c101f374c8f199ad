package org.bearerguard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * Turns {@link DpopBench}'s JSON result into the BENCHMARKS.md tables: µs/op with JMH's error, B/op, each case as a
 * multiple of the Bearer request of the same run, and what DPoP adds. A ratio's error combines both relative
 * errors in quadrature.
 * {@code java ... DpopReport target/jmh-dpop.json}
 */
public final class DpopReport {

    record Row(String name, String alg, double micros, double error, double bytes) {
    }

    private DpopReport() {
    }

    public static void main(String[] args) throws Exception {
        var rows = read(Path.of(args[0]));
        var bearer = find(rows, "bearer", "-");
        var sb = new StringBuilder("| proof | case | µs/op | ± | allocated B/op | × bearer |\n"
                + "|---|---|---:|---:|---:|---|\n");
        for (var r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %,.0f | %s |%n", r.alg(), r.name(),
                    r.micros(), r.error(), r.bytes(), ratio(r, bearer)));
        }
        System.out.println(sb);
        System.out.println("| proof | dpop / bearer | dpop / bearerBeside | dpop - bearerBeside µs | proofCheck µs"
                + " | rest µs | dpop - bearerBeside B |\n|---|---|---|---:|---:|---:|---:|");
        for (var alg : rows.stream().map(Row::alg).filter(a -> !a.equals("-")).distinct().toList()) {
            var dpop = find(rows, "dpop", alg);
            var beside = find(rows, "bearerBeside", alg);
            var check = find(rows, "proofCheck", alg);
            double extra = dpop.micros() - beside.micros();
            double extraError = Math.hypot(dpop.error(), beside.error());
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1f ± %.1f | %.1f ± %.1f | %.1f ± %.1f | %,.0f |%n", alg,
                    ratio(dpop, bearer), ratio(dpop, beside), extra, extraError, check.micros(), check.error(),
                    extra - check.micros(), Math.hypot(extraError, check.error()), dpop.bytes() - beside.bytes());
        }
    }

    /** a / b ± its error: JMH's two 99.9 % half-widths, relative, added in quadrature (first order). */
    private static String ratio(Row a, Row b) {
        double r = a.micros() / b.micros();
        double e = r * Math.hypot(a.error() / a.micros(), b.error() / b.micros());
        return fmt(r) + " ± " + fmt(e);
    }

    private static Row find(List<Row> rows, String name, String alg) {
        return rows.stream().filter(r -> r.name().equals(name) && r.alg().equals(alg)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + name + " for " + alg));
    }

    private static String fmt(double ratio) {
        return ratio >= 100 ? String.format(Locale.ROOT, "%.0f", ratio) : ratio >= 10
                ? String.format(Locale.ROOT, "%.1f", ratio) : String.format(Locale.ROOT, "%.2f", ratio);
    }

    @SuppressWarnings("unchecked")
    static List<Row> read(Path json) throws Exception {
        var results = (List<Map<String, Object>>) JsonUtil.parseJson("{\"r\":" + Files.readString(json) + "}")
                .get("r");
        return results.stream().map(r -> {
            var name = ((String) r.get("benchmark")).replaceAll(".*\\.d\\d_", "");
            var params = (Map<String, Object>) r.get("params");
            var alg = params == null ? "-" : (String) params.get("proofAlg");
            var primary = (Map<String, Object>) r.get("primaryMetric");
            var secondary = (Map<String, Object>) r.get("secondaryMetrics");
            var alloc = secondary == null ? null : (Map<String, Object>) secondary.get("gc.alloc.rate.norm");
            return new Row(name, alg, number(primary.get("score")), number(primary.get("scoreError")),
                    alloc == null ? Double.NaN : number(alloc.get("score")));
        }).toList();
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
