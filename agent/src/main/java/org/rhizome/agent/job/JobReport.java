package org.rhizome.agent.job;

import java.util.List;

import org.rhizome.agent.growth.RunRecord;
import org.rhizome.agent.ingest.IngestReport;

/**
 * What a job did.
 *
 * @param documents  one report per document (in the order ingested)
 * @param failedDocuments documents that could not be read, with the reason
 * @param runs       each run as it stood when it stopped
 * @param concepts   concepts in the store at the end
 * @param statements statements in the store at the end
 * @param seconds    wall time
 * @param outputs    files written
 */
public record JobReport(List<IngestReport> documents, List<String> failedDocuments, List<RunRecord> runs,
        long concepts, long statements, double seconds, List<String> outputs) {
    public JobReport {
        documents = List.copyOf(documents);
        failedDocuments = List.copyOf(failedDocuments);
        runs = List.copyOf(runs);
        outputs = List.copyOf(outputs);
    }

    /** Whether everything succeeded: no unreadable document, no failed ingestion, no failed run. */
    public boolean ok() {
        return failedDocuments.isEmpty()
                && documents.stream().noneMatch(d -> d.outcome() == IngestReport.Outcome.FAILED)
                && runs.stream().noneMatch(r -> r.status() == org.rhizome.agent.growth.RunStatus.FAILED);
    }
}
