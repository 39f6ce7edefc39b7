package org.rhizome.agent.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A batch job: a store, a model, growth runs and document sets, and what to write at the end. Read from YAML or JSON
 * ({@link #load}); keys are kebab-case; relative paths are relative to the job file.
 *
 * <pre>
 * store: rhizome-data/enzymes          # optional: the CLI's --store otherwise
 * llm: llm.properties                  # a properties file (see the README), or the same keys inline as a map
 * exact-match: false                   # true: resolve by exact label only (no search index)
 * shapes: shapes.ttl                   # optional SHACL shapes every local graph must satisfy
 * documents: [papers/, notes.md]       # ingested first
 * runs:
 *   - id: enzymes
 *     question: How do enzymes speed up reactions?
 *     iterations: 50
 *     strategy: follow-up              # follow-up, low-degree, bridge
 *     branches: 1
 *     max-tokens: 0                    # 0: no limit
 *     max-cost: 2.0
 *     max-time: 3600                   # seconds
 *     analyze-every: 10
 * outputs:
 *   report: report/                    # the structural analysis report (HTML, JSON, plots)
 *   export: graph.nt.gz                # the asserted statements
 *   summary: summary.json              # this job's report
 * </pre>
 *
 * @param store      the store directory, or null when the job does not name one
 * @param llm        a properties file name, or the configuration's keys inline
 * @param exactMatch resolve concepts by exact label only
 * @param shapes     a SHACL shapes file, or null
 * @param documents  documents and folders to ingest
 * @param runs       growth runs, run one after the other (an existing run of the same id is resumed)
 * @param outputs    what to write when everything is done
 */
public record JobSpec(String store, Object llm, boolean exactMatch, String shapes, List<String> documents,
        List<RunSpec> runs, Outputs outputs) {

    public JobSpec {
        documents = documents == null ? List.of() : List.copyOf(documents);
        runs = runs == null ? List.of() : List.copyOf(runs);
        outputs = outputs == null ? new Outputs(null, null, null) : outputs;
        if (llm != null && !(llm instanceof String) && !(llm instanceof Map)) {
            throw new IllegalArgumentException("llm must be a file name or a map of settings");
        }
        if (runs.isEmpty() && documents.isEmpty()) {
            throw new IllegalArgumentException("the job has neither runs nor documents");
        }
    }

    /** The store directory, if the job names one. */
    public Optional<String> storeDir() {
        return Optional.ofNullable(store);
    }

    /**
     * One growth run of a job.
     *
     * @param id           the run's id (resumed if it exists)
     * @param question     the seed question
     * @param iterations   iterations in all
     * @param strategy     next-question strategy
     * @param branches     questions in flight
     * @param maxTokens    token budget (0: none)
     * @param maxCost      cost budget in USD (0: none)
     * @param maxTime      wall-time budget in seconds (0: none)
     * @param analyzeEvery structural metrics every this many iterations (0: never)
     */
    public record RunSpec(String id, String question, Integer iterations, String strategy, Integer branches,
            Long maxTokens, Double maxCost, Long maxTime, Integer analyzeEvery) {
        public RunSpec {
            if (id == null || id.isBlank() || question == null || question.isBlank()) {
                throw new IllegalArgumentException("every run needs an id and a question");
            }
            iterations = iterations == null ? 10 : iterations;
            strategy = strategy == null ? "follow-up" : strategy;
            branches = branches == null ? 1 : branches;
            maxTokens = maxTokens == null ? 0 : maxTokens;
            maxCost = maxCost == null ? 0 : maxCost;
            maxTime = maxTime == null ? 0 : maxTime;
            analyzeEvery = analyzeEvery == null ? 10 : analyzeEvery;
        }
    }

    /**
     * What to write at the end.
     *
     * @param report  folder of the structural analysis report
     * @param export  file of the asserted statements (format from its name)
     * @param summary file of the job's report (JSON)
     */
    public record Outputs(String report, String export, String summary) {}

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /**
     * Reads a job file (YAML, or JSON, which YAML reads too).
     *
     * @throws IllegalArgumentException naming the file, line and column of what is wrong
     */
    public static JobSpec load(Path file) {
        ObjectMapper m = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            JobSpec s = m.readValue(file.toFile(), JobSpec.class);
            if (s == null) {
                throw new IllegalArgumentException(file + ": the job file is empty");
            }
            return s;
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(file + ": unknown key '" + e.getPropertyName() + "' at " + path(e)
                    + " (near line " + e.getLocation().getLineNr() + ")", e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr();
            Throwable c = e.getCause();
            String why = c instanceof IllegalArgumentException ? c.getMessage() : e.getOriginalMessage();
            String at = e instanceof com.fasterxml.jackson.databind.JsonMappingException jm && !jm.getPath().isEmpty()
                    ? " (at " + path(jm) + ")" : "";
            throw new IllegalArgumentException(file + where + ": " + why + at, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the job file " + file + ": " + e.getMessage(), e);
        }
    }
}
