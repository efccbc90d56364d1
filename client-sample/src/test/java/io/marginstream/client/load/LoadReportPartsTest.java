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
}
