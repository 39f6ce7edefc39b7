package org.rhizome.graph.analytics.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart plumbing: the house style of the report's charts and their encoding to PNG and SVG. Charts are drawn into
 * images, never windows, so no display is needed; {@link #ensureHeadless()} makes that explicit for the JVM.
 */
final class Charts {
    /** Size of the main plots, in pixels. */
    static final int WIDTH = 640;
    static final int HEIGHT = 420;
    /** Size of each metrics-history plot, in pixels. */
    static final int SMALL_WIDTH = 480;
    static final int SMALL_HEIGHT = 300;

    static final Color DATA = new Color(0x1f, 0x5f, 0xa8);
    static final Color FIT = new Color(0xc0, 0x39, 0x2b);
    static final Color ESTIMATED = new Color(0xe6, 0x7e, 0x22);

    private Charts() {}

    /**
     * Sets {@code java.awt.headless=true} unless the JVM was started with a value: the report never opens a window,
     * and on a machine whose {@code DISPLAY} names an unreachable X server AWT would otherwise try to reach it.
     */
    static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** An XY chart in the report's style, with the given axes logarithmic. */
    static XYChart xy(String title, String xTitle, String yTitle, int width, int height, boolean logX,
            boolean logY) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setXAxisLogarithmic(logX).setYAxisLogarithmic(logY);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        return c;
    }

    /** A bar chart in the report's style. */
    static CategoryChart bars(String title, String xTitle, String yTitle, int width, int height) {
        CategoryChart c = new CategoryChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setLegendVisible(false);
        c.getStyler().setPlotGridVerticalLinesVisible(false);
        c.getStyler().setAvailableSpaceFill(0.8);
        return c;
    }

    /** Points drawn as markers only. */
    static XYSeries points(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color);
        return s;
    }

    /** A line without markers. */
    static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE).setLineColor(color).setLineWidth(2f);
        return s;
    }

    /** A line with a marker at each point. */
    static XYSeries lineWithPoints(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color).setLineColor(color).setLineWidth(1.5f);
        return s;
    }

    /** Bars of {@code y} over the categories {@code x}. */
    static void barSeries(CategoryChart c, String name, List<?> x, List<? extends Number> y, Color color) {
        c.addSeries(name, x, y).setFillColor(color);
    }

    private static void style(AxesChartStyler s) {
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        s.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE)
                .setPlotBorderColor(new Color(0xbb, 0xbb, 0xbb)).setChartFontColor(new Color(0x22, 0x22, 0x22))
                .setChartTitleFont(base.deriveFont(Font.BOLD, 14f)).setLegendFont(base.deriveFont(11f))
                .setLegendBorderColor(new Color(0xdd, 0xdd, 0xdd)).setChartTitleBoxVisible(false)
                .setAntiAlias(true).setMarkerSize(6).setChartPadding(8);
        s.setAxisTitleFont(base).setAxisTickLabelsFont(base.deriveFont(11f))
                .setPlotGridLinesColor(new Color(0xe4, 0xe4, 0xe4))
                .setPlotGridLinesStroke(new BasicStroke(1f))
                .setAxisTickMarksColor(new Color(0x88, 0x88, 0x88));
        s.setToolTipsEnabled(false);
    }

    /** The chart as PNG bytes, {@code width x height} pixels. */
    static byte[] png(Chart<?, ?> chart) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 15);
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        return out.toByteArray();
    }

    /** The chart as an SVG document (XChart draws text as glyph outlines, so no font is needed to view it). */
    static byte[] svg(Chart<?, ?> chart) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 17);
        VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return out.toByteArray();
    }
}
