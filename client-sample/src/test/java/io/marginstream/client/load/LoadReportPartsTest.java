package io.marginstream.client.load;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of the load tester that need no gateway: options, the /metrics parser, the SVG plot. */
class LoadReportPartsTest {

    @Test
    void options_stalledShareIsSpreadExactly() {
        LoadTestOptions o = LoadTestOptions.defaults().withCommands(10, 0.05);
        assertEquals(50, IntStream.range(0, 1000).filter(o::isStalled).count());
        assertEquals(0, IntStream.range(0, 1000).filter(LoadTestOptions.defaults().withCommands(10, 0)::isStalled)
                .count());
    }

    @Test
    void metricsParser_findsSessionsAndHeap() {
        String text = """
                # HELP marginstream_sessions Open WebSocket sessions.
                # TYPE marginstream_sessions gauge
                marginstream_sessions 1234
                marginstream_sessions_opened_total 5000
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1000000
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2000000
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 7777777
                """;
        ServerMetrics.Sample s = ServerMetrics.parse(text, 1);
        assertEquals(1234, s.sessions());
        assertEquals(3_000_000, s.heapUsedBytes());
    }

    @Test
    void metricsParser_missingMetricsAreMinusOne() {
        ServerMetrics.Sample s = ServerMetrics.parse("other_metric 3\n", 1);
        assertEquals(-1, s.sessions());
        assertEquals(-1, s.heapUsedBytes());
    }

    @Test
    void plot_isWellFormedSvgWithOneLinePerSeries() throws Exception {
        Histogram a = new Histogram(3_600_000_000L, 3);
        Histogram b = new Histogram(3_600_000_000L, 3);
        for (int i = 1; i <= 10_000; i++) {
            a.recordValue(i * 10L);
            b.recordValue(i * 100L);
        }
        Map<String, Histogram> series = new LinkedHashMap<>();
        series.put("command <rtt>", a);
        series.put("tick", b);
        series.put("empty", new Histogram(3));
        String svg = LatencyPlot.svg("test & plot", series);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertEquals(2, doc.getElementsByTagName("polyline").getLength());
    }

    @Test
    void plotLegend_staysOnTheCanvas_evenForTheLongestLabel() throws Exception {
        Map<String, Histogram> series = new LinkedHashMap<>();
        for (LoadMetrics.Kind k : LoadMetrics.Kind.values()) {
            Histogram h = new Histogram(3);
            h.recordValueWithCount(500, 12_345_678);
            series.put(k.label, h);
        }
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                LatencyPlot.svg("t", series).getBytes(StandardCharsets.UTF_8)));
        int width = Integer.parseInt(doc.getDocumentElement().getAttribute("width"));
        org.w3c.dom.NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            org.w3c.dom.Element t = (org.w3c.dom.Element) texts.item(i);
            if (t.hasAttribute("text-anchor") || t.hasAttribute("transform")) {
                continue; // centred or end-anchored axis labels
            }
            double size = t.hasAttribute("font-size") ? Double.parseDouble(t.getAttribute("font-size")) : 12;
            // a generous 0.65 em per character: wider than DejaVu Sans, rsvg's usual fallback
            double right = Double.parseDouble(t.getAttribute("x")) + t.getTextContent().length() * size * 0.65;
            assertTrue(right <= width, "'" + t.getTextContent() + "' ends at " + right + " of " + width);
        }
    }

    @Test
    void liveHeap_sumsTheGenerations_ofG1AndParallel_andReadsShenandoahsOneLine() {
        assertEquals(53505L * 1024, ServerProcess.usedHeapBytes("""
                 PSYoungGen      total 113152K, used 0K [0x0000000782700000, 0x000000078a500000)
                  eden space 97280K, 0% used [0x0000000782700000,0x0000000782700000,0x0000000788600000)
                 ParOldGen       total 258048K, used 53505K [0x0000000687400000, 0x0000000697000000)
                  object space 258048K, 20% used [0x0000000687400000,0x000000068a840540,0x0000000697000000)
                 Metaspace       used 9112K, committed 9344K, reserved 1114112K
                """));
        assertEquals(31_000L * 1024, ServerProcess.usedHeapBytes(
                " garbage-first heap   total 1048576K, used 31000K [0x00000000c0000000, 0x0000000100000000)\n"
                        + " Metaspace       used 9000K, committed 9300K, reserved 1114112K\n"));
        assertEquals(93206L * 1024, ServerProcess.usedHeapBytes("""
                Shenandoah Heap
                 4096M max, 4096M soft max, 4096M committed, 93206K used
                 2048 x 2048K regions
                """));
        assertEquals(405L << 20, ServerProcess.usedHeapBytes(
                "Shenandoah Heap\n 4096M max, 4096M soft max, 4096M committed, 405M used\n"));
        assertEquals(-1, ServerProcess.usedHeapBytes("no heap here"));
    }

    @Test
    void serverTickToWriteQuantiles_comeFromTheHistogramBuckets() {
        Map<String, Double> raw = new LinkedHashMap<>();
        raw.put("marginstream_tick_to_write_seconds_bucket{le=\"0.001\"}", 10.0);
        raw.put("marginstream_tick_to_write_seconds_bucket{le=\"0.01\"}", 60.0);
        raw.put("marginstream_tick_to_write_seconds_bucket{le=\"0.1\"}", 99.0);
        raw.put("marginstream_tick_to_write_seconds_bucket{le=\"+Inf\"}", 100.0);
        assertEquals(0.01, ServerMetrics.quantileUpperBound(raw, 0.5));
        assertEquals(0.1, ServerMetrics.quantileUpperBound(raw, 0.99));
        assertEquals(Double.POSITIVE_INFINITY, ServerMetrics.quantileUpperBound(raw, 0.999));
        assertTrue(Double.isNaN(ServerMetrics.quantileUpperBound(Map.of(), 0.5)));
    }
}
