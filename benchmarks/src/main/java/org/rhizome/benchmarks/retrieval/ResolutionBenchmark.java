package org.rhizome.benchmarks.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.rhizome.embeddings.CachingEmbedder;
import org.rhizome.embeddings.ConceptText;
import org.rhizome.embeddings.EmbedderConfig;
import org.rhizome.embeddings.EmbeddingCache;
import org.rhizome.embeddings.LangChain4jEmbedder;
import org.rhizome.embeddings.TextEmbedder;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.ProgressListener;
import org.rhizome.retrieval.index.ConceptIndex;
import org.rhizome.retrieval.index.ConceptIndexer;
import org.rhizome.retrieval.resolution.EntityResolver;
import org.rhizome.retrieval.resolution.LabelNormalizer;
import org.rhizome.retrieval.resolution.PolicyCalibration;
import org.rhizome.retrieval.resolution.ResolutionEvaluation;
import org.rhizome.retrieval.resolution.ResolutionPolicy;
import org.rhizome.retrieval.resolution.VariantSet;
import org.rhizome.retrieval.resolution.VariantSet.LabelledQuery;

/**
 * Entity-resolution quality on the project's name-variant set, and the calibration behind
 * {@link ResolutionPolicy#defaults()}: fits the logistic weights on the tuning half, picks the thresholds (merge:
 * lowest with precision >= 0.95 on the tuning half; review: the lowest
 * keeping at least 0.80 of the proposals in the review band right), and reports precision/recall/F1 by variant kind
 * on the held-out half for the shipped defaults, the freshly fitted policy, and a baseline that merges only on equal
 * normalised keys (label or alias).
 *
 * <p>Run: {@code java -cp benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)
 * --add-modules jdk.incubator.vector org.rhizome.benchmarks.retrieval.ResolutionBenchmark [--model minilm|minilm-q]
 * [--errors]}. {@code --model} picks the in-process embedder (default {@code minilm}, the full-precision model the
 * shipped policy was fitted with); {@code --errors} lists every miss of the shipped defaults.
 */
public final class ResolutionBenchmark {
    private ResolutionBenchmark() {
    }

    public static void main(String[] args) {
        List<String> argList = List.of(args);
        int m = argList.indexOf("--model");
        if (m == args.length - 1) {
            throw new IllegalArgumentException("--model needs a value: minilm or minilm-q");
        }
        EmbedderConfig.Provider model = m >= 0 ? EmbedderConfig.Provider.parse(args[m + 1])
                : EmbedderConfig.Provider.MINILM;
        if (!model.inProcess()) {
            throw new IllegalArgumentException("--model must be minilm or minilm-q, got " + model.word());
        }
        boolean errors = argList.contains("--errors");
        VariantSet set = VariantSet.load();
        TextEmbedder base = model == EmbedderConfig.Provider.MINILM ? LangChain4jEmbedder.miniLm()
                : LangChain4jEmbedder.miniLmQuantized(LangChain4jEmbedder.DEFAULT_BATCH_SIZE);
        CachingEmbedder embedder = new CachingEmbedder(base, EmbeddingCache.inMemory(base.modelId(), 384));
        System.out.println("embedder: " + base.modelId());
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory();
                ConceptIndex index = ConceptIndex.inMemory(embedder.modelId(), embedder.dimension(),
                        ConceptText.RECIPE)) {
            Map<String, String> iris = set.writeTo(kg);
            new ConceptIndexer(kg, index, embedder).rebuild(ProgressListener.NONE);
            Function<String, String> typeIri = kg::classIri;
            Predicate<LabelledQuery> tuning = VariantSet::isTuning;
            Predicate<LabelledQuery> heldOut = tuning.negate();
            System.out.printf(Locale.ROOT, "name-variant set: %d concepts, %d queries (%d tuning, %d held out)%n",
                    set.concepts().size(), set.queries().size(),
                    set.queries().stream().filter(tuning).count(), set.queries().stream().filter(heldOut).count());

            ResolutionPolicy shipped = ResolutionPolicy.defaults();
            EntityResolver collector = new EntityResolver(index, embedder, shipped);
            List<PolicyCalibration.Example> tuneExamples = new ArrayList<>();
            for (LabelledQuery q : set.queries()) {
                if (tuning.test(q)) {
                    var r = collector.resolve(ResolutionEvaluation.toNewConcept(q, typeIri));
                    tuneExamples.add(new PolicyCalibration.Example(r.candidates(), q.expected().map(iris::get)));
                }
            }
            PolicyCalibration.Model fit = PolicyCalibration.fit(tuneExamples, 1e-3, 20000, 1.0);
            ResolutionPolicy fitted = shipped.withModel(fit.weights(), fit.bias());
            double merge = PolicyCalibration.threshold(tuneExamples, fitted, 0.95);
            fitted = fitted.withThresholds(merge, merge);
            double review = PolicyCalibration.reviewThreshold(tuneExamples, fitted, 0.80);
            System.out.println("review band on the tuning half (threshold: proposals, right):");
            for (int t = 5; t < Math.round(merge * 100); t += 5) {
                var b = PolicyCalibration.band(tuneExamples, fitted, t / 100.0);
                System.out.printf(Locale.ROOT, "  >= %.2f: %d proposals, %d right (%.2f)%n", t / 100.0, b.proposed(),
                        b.right(), b.precision());
            }
            fitted = fitted.withThresholds(merge, review);
            System.out.printf(Locale.ROOT, "fitted on the tuning half (log-loss %.4f): %s%n", fit.finalLoss(), fitted);
            System.out.printf(Locale.ROOT, "shipped defaults: %s%n%n", shipped);

            for (var e : List.of(Map.entry("shipped defaults", shipped), Map.entry("fitted now", fitted))) {
                EntityResolver r = new EntityResolver(index, embedder, e.getValue());
                System.out.println("### " + e.getKey() + ", held-out half\n");
                System.out.println(ResolutionEvaluation.evaluate(r, set, iris, typeIri, heldOut).table());
                System.out.println("### " + e.getKey() + ", tuning half (overall)\n");
                var t = ResolutionEvaluation.evaluate(r, set, iris, typeIri, tuning).overall();
                System.out.printf(Locale.ROOT, "precision %.3f, recall %.3f, F1 %.3f%n%n", t.precision(), t.recall(),
                        t.f1());
            }
            System.out.println("### baseline: merge only on equal normalised keys (label or alias), held-out half\n");
            System.out.println(keyBaseline(set, iris, heldOut).table());
            if (errors) {
                System.out.println("### errors of the shipped defaults, held-out half");
                ResolutionEvaluation.errors(new EntityResolver(index, embedder, shipped), set, iris, typeIri, heldOut)
                        .forEach(System.out::println);
            }
        }
    }

    /** The exact-key baseline, scored with the same rules. */
    private static ResolutionEvaluation.Result keyBaseline(VariantSet set, Map<String, String> iris,
            Predicate<LabelledQuery> subset) {
        Map<String, List<String>> byKey = new java.util.HashMap<>();
        for (var c : set.concepts()) {
            List<String> names = new ArrayList<>(c.aliases());
            names.add(c.label());
            for (String n : names) {
                byKey.computeIfAbsent(LabelNormalizer.key(n), k -> new ArrayList<>()).add(c.id());
            }
        }
        Map<String, ResolutionEvaluation.Counts> byKind = new java.util.LinkedHashMap<>();
        ResolutionEvaluation.Counts all = new ResolutionEvaluation.Counts(0, 0, 0, 0, 0, 0);
        for (LabelledQuery q : set.queries()) {
            if (!subset.test(q)) {
                continue;
            }
            List<String> hit = byKey.getOrDefault(LabelNormalizer.key(q.query()), List.of());
            String merged = hit.size() == 1 ? hit.get(0) : null; // ambiguous keys are not merged
            int pos = q.expected().isPresent() ? 1 : 0;
            int tp = merged != null && q.expected().isPresent() && q.expected().get().equals(merged) ? 1 : 0;
            int wrong = merged != null && q.expected().isPresent() && tp == 0 ? 1 : 0;
            int fm = merged != null && q.expected().isEmpty() ? 1 : 0;
            var c = new ResolutionEvaluation.Counts(1, pos, tp, wrong, fm, 0);
            byKind.merge(q.kind(), c, ResolutionBenchmark::sum);
            all = sum(all, c);
        }
        return new ResolutionEvaluation.Result(all, byKind);
    }

    private static ResolutionEvaluation.Counts sum(ResolutionEvaluation.Counts a, ResolutionEvaluation.Counts b) {
        return new ResolutionEvaluation.Counts(a.queries() + b.queries(), a.positives() + b.positives(),
                a.truePositives() + b.truePositives(), a.wrongMerges() + b.wrongMerges(),
                a.falseMerges() + b.falseMerges(), a.reviews() + b.reviews());
    }
}
