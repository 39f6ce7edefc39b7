package org.rhizome.cli.demo;

/**
 * One step of {@code rhizome demo}: a title printed as a heading, and work that prints what it shows to
 * {@link DemoContext#out()} (lines indented by two spaces, results in small tables). A step may rely on the steps
 * before it in {@link DemoSteps#all()} having run; it throws to stop the demo.
 */
public interface DemoStep {
    /** The heading, for example {@code "Load the example graph"}. */
    String title();

    /** Runs the step against the demo store. */
    void run(DemoContext ctx);
}
