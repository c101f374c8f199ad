package org.bearerguard.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jose4j.json.JsonUtil;

/**
 * Turns JMH's JSON result into the BENCHMARKS.md table (µs/op, B/op, ratio to the floor) and a bar chart PNG.
 * {@code java ... Report target/jmh-result.json target/bench-chart.png}
 */
public final class Report {

    record Row(String alg, String name, double micros, double error, double bytes) {
    }

    /** The JDK's own signature check: what every ratio is relative to. */
    static final String FLOOR = "floor (jdk)";

    private Report() {
    }

    public static void main(String[] args) throws Exception {
        var rows = read(Path.of(args[0]));
        System.out.println(table(rows));
        if (args.length > 1) {
            chart(rows, new File(args[1]));
            System.out.println("chart: " + args[1]);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Row> read(Path json) throws Exception {
        var text = "{\"results\":" + Files.readString(json) + "}";
        var results = (List<Map<String, Object>>) JsonUtil.parseJson(text).get("results");
        var rows = new ArrayList<Row>();
        for (var r : results) {
            var name = ((String) r.get("benchmark")).replaceAll(".*\\.c\\d_", "");
            var params = (Map<String, Object>) r.get("params");
            var alg = (String) params.get("alg");
            if (params.containsKey("provider")) { // who really checked: a named provider may leave a family to the JDK
                var setting = (String) params.get("provider");
                var used = Peers.providerFor(setting, alg);
                name += " (" + (setting.equals("jdk") ? "jdk" : used.equals("JDK") ? setting + " → JDK" : used) + ")";
            }
            var primary = (Map<String, Object>) r.get("primaryMetric");
            var secondary = (Map<String, Object>) r.get("secondaryMetrics");
            var alloc = secondary == null ? null : (Map<String, Object>) (secondary.containsKey("gc.alloc.rate.norm")
                    ? secondary.get("gc.alloc.rate.norm") : secondary.get("·gc.alloc.rate.norm"));
            rows.add(new Row(alg, name, number(primary.get("score")), number(primary.get("scoreError")),
                    alloc == null ? Double.NaN : number(alloc.get("score"))));
        }
        return rows;
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static String table(List<Row> rows) {
        var sb = new StringBuilder("| alg | case | µs/op | ± | allocated B/op | × floor |\n|---|---|---:|---:|---:|---:|\n");
        for (var alg : algs(rows)) {
            double floor = rows.stream().filter(r -> r.alg().equals(alg) && r.name().equals(FLOOR))
                    .mapToDouble(Row::micros).findFirst().orElse(Double.NaN);
            for (var r : rows) {
                if (r.alg().equals(alg)) {
                    sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %,.0f | %.2f |%n", alg, r.name(),
                            r.micros(), r.error(), r.bytes(), r.micros() / floor));
                }
            }
        }
        return sb.toString();
    }

    private static List<String> algs(List<Row> rows) {
        return rows.stream().map(Row::alg).distinct().toList();
    }

    /** Horizontal bars, one panel per algorithm, time relative to that algorithm's floor. */
    static void chart(List<Row> rows, File out) throws Exception {
        var algs = algs(rows);
        var perAlg = new LinkedHashMap<String, List<Row>>();
        algs.forEach(a -> perAlg.put(a, rows.stream().filter(r -> r.alg().equals(a)).toList()));
        int rowHeight = 26;
        int panel = 60 + rowHeight * perAlg.values().stream().mapToInt(List::size).max().orElse(1);
        int width = 900;
        int height = panel * algs.size() + 20;
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int top = 10;
        for (var alg : algs) {
            var list = perAlg.get(alg);
            double floor = list.stream().filter(r -> r.name().equals(FLOOR)).mapToDouble(Row::micros).findFirst()
                    .orElse(1);
            double max = list.stream().mapToDouble(r -> r.micros() / floor).max().orElse(1);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(alg + ": time per verification, relative to the JDK signature check (floor = 1.0)", 10, top + 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            int y = top + 40;
            int barLeft = 230;
            int barMax = width - barLeft - 140;
            for (var r : list) {
                double ratio = r.micros() / floor;
                int w = (int) Math.max(2, barMax * ratio / max);
                g.setColor(r.name().startsWith("bearerGuard") ? new Color(0x2E7D32)
                        : r.name().startsWith("floor") ? Color.GRAY : new Color(0x1565C0));
                g.fillRect(barLeft, y, w, rowHeight - 8);
                g.setColor(Color.BLACK);
                g.drawString(r.name(), 10, y + 14);
                g.drawString(String.format(Locale.ROOT, "%.2f× (%.1f µs)", ratio, r.micros()), barLeft + w + 6, y + 14);
                y += rowHeight;
            }
            g.setStroke(new BasicStroke(1));
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(0, top + panel - 5, width, top + panel - 5);
            top += panel;
        }
        g.dispose();
        ImageIO.write(image, "png", out);
    }
}
