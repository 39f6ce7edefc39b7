package org.rhizome.agent.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.rhizome.agent.extract.ExtractionRules;
import org.rhizome.agent.extract.Extraction;
import org.rhizome.agent.extract.Extractor;
import org.rhizome.agent.extract.LocalGraph;
import org.rhizome.agent.extract.LocalGraphParser;
import org.rhizome.agent.extract.LocalGraphShapes;
import org.rhizome.agent.extract.Prompts;
import org.rhizome.agent.growth.ConceptMatcher;
import org.rhizome.agent.growth.LocalGraphWriter;
import org.rhizome.agent.llm.LlmClient;
import org.rhizome.agent.llm.LlmException;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Rz;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.retrieval.Retrieval;

/**
 * Document ingestion: a document's text ({@link DocumentLoader}) is split into overlapping chunks ({@link Chunker});
 * each chunk is sent to the model with the document system prompt (extract only what the passage states; the
 * passage is quoted data, never instructions), the answer goes through the same validation, repair and merge path
 * as the growth loop ({@link Extractor}, {@link LocalGraphWriter}), and each chunk is written in one transaction
 * into its own named graph {@code <doc>/chunk/<i>} (a source of kind document chunk whose note names the file and
 * the character span), together with the document's progress.
 *
 * <p>The document's record in the catalogue ({@code <base>doc/<hash of its path> a rz:Document} with
 * {@code rz:path}, {@code rz:format}, {@code rz:contentHash}, {@code rz:chunkCount}, {@code rz:complete}) makes
 * ingestion idempotent and resumable: an unchanged document (same SHA-256) is skipped; one interrupted part-way
 * continues with its missing chunks; a changed one has every statement of its old chunks removed first.
 * {@link #remove} takes a document's statements out of the graph.
 */
public final class Ingestor {
    static final Node DOCUMENT = Rz.term("Document");
    static final Node PATH = Rz.term("path");
    static final Node FORMAT = Rz.term("format");
    static final Node CONTENT_HASH = Rz.term("contentHash");
    static final Node CHUNK_COUNT = Rz.term("chunkCount");
    static final Node COMPLETE = Rz.term("complete");
    static final Node CHUNK_OF = Rz.term("chunkOf");
    static final Node REFUSED_CHUNK = Rz.term("refusedChunk");

    private final KnowledgeGraph kg;
    private final Extractor extractor;
    private final LocalGraphWriter writer;
    private final ExtractionRules rules;
    private final Chunker chunker;

    private Ingestor(Builder b) {
        this.kg = b.kg;
        this.rules = b.rules;
        this.extractor = new Extractor(Objects.requireNonNull(b.llm, "an LLM client is required"),
                new LocalGraphParser(b.rules), b.maxRepairs, Optional.ofNullable(b.shapes));
        ConceptMatcher m = b.matcher != null ? b.matcher
                : b.retrieval != null ? ConceptMatcher.resolver(kg, b.retrieval) : ConceptMatcher.exactLabels(kg);
        this.writer = new LocalGraphWriter(m);
        this.chunker = new Chunker(b.chunkChars, b.overlapChars);
    }

    public static Builder builder(KnowledgeGraph kg) {
        return new Builder(kg);
    }

    /** Builder of {@link Ingestor}: chunks of 2,000 characters overlapping by 200, 2 repairs, default rules. */
    public static final class Builder {
        private final KnowledgeGraph kg;
        private LlmClient llm;
        private ConceptMatcher matcher;
        private Retrieval retrieval;
        private ExtractionRules rules = ExtractionRules.defaults();
        private int chunkChars = 2_000;
        private int overlapChars = 200;
        private int maxRepairs = 2;
        private LocalGraphShapes shapes;

        private Builder(KnowledgeGraph kg) {
            this.kg = Objects.requireNonNull(kg, "kg");
        }

        public Builder llm(LlmClient c) {
            this.llm = c;
            return this;
        }

        /** Entity resolution with the calibrated resolver of the search index (default: exact labels). */
        public Builder retrieval(Retrieval r) {
            this.retrieval = r;
            return this;
        }

        public Builder matcher(ConceptMatcher m) {
            this.matcher = m;
            return this;
        }

        public Builder rules(ExtractionRules r) {
            this.rules = Objects.requireNonNull(r, "rules");
            return this;
        }

        public Builder chunking(int maxChars, int overlap) {
            this.chunkChars = maxChars;
            this.overlapChars = overlap;
            return this;
        }

        /** SHACL shapes every chunk's local graph must satisfy (violations are sent for repair). */
        public Builder shapes(LocalGraphShapes s) {
            this.shapes = s;
            return this;
        }

        public Builder maxRepairs(int n) {
            this.maxRepairs = n;
            return this;
        }

        public Ingestor build() {
            return new Ingestor(this);
        }
    }

    /** The IRI of the record of the document at {@code name} (its absolute path). */
    public String documentIri(String name) {
        return kg.baseNamespace() + "doc/" + DocumentLoader.sha256(name.getBytes(StandardCharsets.UTF_8))
                .substring(0, 24);
    }

    /**
     * Ingests one document (see the class comment for what is skipped, continued or replaced).
     *
     * @throws DocumentException if the file cannot be read as a document (nothing is written)
     */
    public IngestReport ingest(Path file) {
        DocumentText doc = DocumentLoader.load(file);
        String docIri = documentIri(doc.name());
        Node docNode = NodeFactory.createURI(docIri);
        Optional<String> storedHash = kg.read(() -> literal(kg.datasetGraph().getDefaultGraph(), docNode,
                CONTENT_HASH));
        boolean complete = kg.read(() -> literal(kg.datasetGraph().getDefaultGraph(), docNode, COMPLETE)
                .map(Boolean::parseBoolean).orElse(false));
        List<Chunker.Chunk> chunks = chunker.split(doc.text());
        if (storedHash.isPresent() && storedHash.get().equals(doc.sha256()) && complete) {
            return new IngestReport(doc.name(), docIri, IngestReport.Outcome.UNCHANGED, chunks.size(), 0, 0, 0, 0, 0,
                    0, 0, 0, 0, Optional.empty(), List.of());
        }
        boolean replaced = false;
        if (storedHash.isPresent() && !storedHash.get().equals(doc.sha256())) {
            removeChunks(docNode);
            replaced = true;
        }
        Set<Integer> done = writtenChunks(docNode);
        Txn.executeWrite(kg.dataset(), () -> putRecord(docNode, doc, chunks.size(), false));
        String shortName = Path.of(doc.name()).getFileName().toString();
        int written = 0;
        int refused = 0;
        int created = 0;
        int reused = 0;
        int edges = 0;
        long in = 0;
        long out = 0;
        double cost = 0;
        List<String> problems = new ArrayList<>();
        for (Chunker.Chunk c : chunks) {
            if (done.contains(c.index())) {
                continue;
            }
            Extraction x;
            try {
                x = extractor.extract(Prompts.documentSystem(rules),
                        Prompts.passage(shortName, c.index(), chunks.size(), c.text()),
                        p -> Prompts.passageRepair(shortName, c.index(), chunks.size(), c.text(), p));
            } catch (LlmException e) {
                return new IngestReport(doc.name(), docIri, IngestReport.Outcome.FAILED, chunks.size(), written,
                        done.size(), refused, created, reused, edges, in, out, cost,
                        Optional.of("chunk " + (c.index() + 1) + ": " + e.getMessage()), problems);
            }
            in += x.inputTokens();
            out += x.outputTokens();
            cost += x.cost();
            Node chunkGraph = NodeFactory.createURI(docIri + "/chunk/" + c.index());
            if (x.graph().isEmpty()) {
                refused++;
                for (String p : x.problems()) {
                    problems.add("chunk " + (c.index() + 1) + ": " + p);
                }
                Txn.executeWrite(kg.dataset(), () -> kg.datasetGraph().getDefaultGraph().add(docNode, REFUSED_CHUNK,
                        NodeFactory.createLiteralDT(Integer.toString(c.index()), XSDDatatype.XSDint)));
                continue;
            }
            LocalGraph g = x.graph().get();
            LocalGraphWriter.Plan plan = writer.resolve(g);
            Source source = Source.builder(SourceKind.DOCUMENT_CHUNK, shortName + "#" + c.index()).model(x.model())
                    .promptHash(x.promptHash()).note(doc.name() + " characters " + c.start() + "-" + c.end())
                    .graphIri(chunkGraph.getURI()).build();
            int[] e = new int[1];
            kg.write(source, w -> {
                e[0] = writer.write(w, g, plan);
                kg.datasetGraph().getDefaultGraph().add(chunkGraph, CHUNK_OF, docNode);
            });
            written++;
            created += plan.created();
            reused += plan.reused().size();
            edges += e[0];
        }
        Txn.executeWrite(kg.dataset(), () -> putRecord(docNode, doc, chunks.size(), true));
        return new IngestReport(doc.name(), docIri, replaced ? IngestReport.Outcome.REPLACED
                : IngestReport.Outcome.INGESTED, chunks.size(), written, done.size(), refused, created, reused, edges,
                in, out, cost, Optional.empty(), problems);
    }

    /**
     * Removes a document's statements (every chunk graph) and its record.
     *
     * @param file the document's path, as it was ingested (made absolute)
     * @return the statements removed; 0 if the document was never ingested
     */
    public long remove(Path file) {
        Node docNode = NodeFactory.createURI(documentIri(file.toAbsolutePath().normalize().toString()));
        long removed = removeChunks(docNode);
        Txn.executeWrite(kg.dataset(), () -> kg.datasetGraph().getDefaultGraph().remove(docNode, Node.ANY, Node.ANY));
        return removed;
    }

    private long removeChunks(Node docNode) {
        List<Node> graphs = kg.read(() -> {
            List<Node> out = new ArrayList<>();
            kg.datasetGraph().getDefaultGraph().find(Node.ANY, CHUNK_OF, docNode)
                    .forEachRemaining(t -> out.add(t.getSubject()));
            return out;
        });
        long removed = graphs.isEmpty() ? 0 : kg.removeSources(graphs);
        Txn.executeWrite(kg.dataset(), () -> kg.datasetGraph().getDefaultGraph().remove(docNode, REFUSED_CHUNK,
                Node.ANY));
        return removed;
    }

    private Set<Integer> writtenChunks(Node docNode) {
        return kg.read(() -> {
            Set<Integer> out = new HashSet<>();
            String prefix = docNode.getURI() + "/chunk/";
            Iterator<Triple> it = kg.datasetGraph().getDefaultGraph().find(Node.ANY, CHUNK_OF, docNode);
            while (it.hasNext()) {
                String g = it.next().getSubject().getURI();
                out.add(Integer.parseInt(g.substring(prefix.length())));
            }
            return out;
        });
    }

    private void putRecord(Node docNode, DocumentText doc, int chunks, boolean complete) {
        Graph g = kg.datasetGraph().getDefaultGraph();
        for (Node p : List.of(RDF.type.asNode(), PATH, FORMAT, CONTENT_HASH, CHUNK_COUNT, COMPLETE, Rz.createdAt)) {
            g.remove(docNode, p, Node.ANY);
        }
        g.add(docNode, RDF.type.asNode(), DOCUMENT);
        g.add(docNode, PATH, NodeFactory.createLiteralString(doc.name()));
        g.add(docNode, FORMAT, NodeFactory.createLiteralString(doc.format()));
        g.add(docNode, CONTENT_HASH, NodeFactory.createLiteralString(doc.sha256()));
        g.add(docNode, CHUNK_COUNT, NodeFactory.createLiteralDT(Integer.toString(chunks), XSDDatatype.XSDint));
        g.add(docNode, COMPLETE, NodeFactory.createLiteralDT(Boolean.toString(complete), XSDDatatype.XSDboolean));
        g.add(docNode, Rz.createdAt, NodeFactory.createLiteralDT(Instant.now().toString(),
                XSDDatatype.XSDdateTime));
    }

    private static Optional<String> literal(Graph g, Node s, Node p) {
        Iterator<Triple> it = g.find(s, p, Node.ANY);
        return it.hasNext() ? Optional.of(it.next().getObject().getLiteralLexicalForm()) : Optional.empty();
    }
}
