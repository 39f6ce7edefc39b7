package org.rhizome.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.Quad;

/** Test helpers: a fingerprint of everything a store holds, to prove a failed operation changed nothing. */
public final class TestStores {
    private TestStores() {}

    /** Number of quads, default graph included, and SHA-256 of their sorted N-Quads lines. */
    public record Fingerprint(long quads, String sha256) {}

    public static Fingerprint fingerprint(KnowledgeGraph kg) {
        return kg.read(() -> {
            List<String> lines = new ArrayList<>();
            kg.datasetGraph().find(Node.ANY, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> lines.add(line(q)));
            lines.sort(null);
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                for (String l : lines) {
                    md.update(l.getBytes(StandardCharsets.UTF_8));
                    md.update((byte) '\n');
                }
                return new Fingerprint(lines.size(), HexFormat.of().formatHex(md.digest()));
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static String line(Quad q) {
        return NodeFmtLib.strNT(q.getGraph()) + " " + NodeFmtLib.strNT(q.getSubject()) + " "
                + NodeFmtLib.strNT(q.getPredicate()) + " " + NodeFmtLib.strNT(q.getObject());
    }
}
