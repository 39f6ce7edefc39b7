package org.rhizome.cli.demo;

import org.rhizome.cli.StatsReport;

/** Demo step: prints the same numbers as {@code rhizome stats}. */
public final class StoreStatistics implements DemoStep {
    @Override
    public String title() {
        return "Store statistics";
    }

    @Override
    public void run(DemoContext ctx) {
        StatsReport.of(ctx.kg(), ctx.progress()).printText(ctx.out(), "  ");
    }
}
