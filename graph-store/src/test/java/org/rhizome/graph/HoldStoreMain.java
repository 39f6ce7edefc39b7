package org.rhizome.graph;

import java.nio.file.Path;

/** Child process for {@link KnowledgeGraphTest}: opens a store, says READY, and holds it until killed. */
public final class HoldStoreMain {
    private HoldStoreMain() {}

    public static void main(String[] args) throws InterruptedException {
        try (KnowledgeGraph kg = KnowledgeGraph.open(Path.of(args[0]))) {
            System.out.println("READY " + ProcessHandle.current().pid());
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
