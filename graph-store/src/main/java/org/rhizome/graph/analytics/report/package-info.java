/**
 * The report folder of an analysis ({@code rhizome analyze --report DIR}):
 * {@link org.rhizome.graph.analytics.report.ReportWriter} writes {@code metrics.json}, PNG and SVG plots of the
 * degree distribution and its power-law fit, community sizes, centralities, path lengths and the metrics history,
 * and a self-contained {@code index.html} that a person opens in a browser. The numbers behind the plots are
 * computed here from an {@link org.rhizome.graph.analytics.AnalysisReport}; nothing is re-measured.
 */
package org.rhizome.graph.analytics.report;
