package org.rhizome.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rhizome.agent.job.JobReport;
import org.rhizome.agent.job.JobRunner;
import org.rhizome.agent.job.JobSpec;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.retrieval.Retrieval;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rhizome job run}: a batch job from a file. */
@Command(name = "job",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = "Batch jobs: growth runs and document sets described in a YAML or JSON file, run headless.",
        subcommands = {JobCommand.Run.class})
final class JobCommand implements Runnable {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: run JOB.yaml");
    }

    /** {@code rhizome job run JOB}. */
    @Command(name = "run",
            mixinStandardHelpOptions = true,
            versionProvider = Rhizome.Version.class,
            description = {
                "Runs a job file: ingests its documents, runs its growth runs one after the other (a run that "
                        + "exists is resumed, so running the job again after an interruption continues it), then "
                        + "writes its outputs (analysis report, export, JSON summary). Keys (kebab-case): store, llm "
                        + "(a properties file or the same keys inline), exact-match, shapes (SHACL file), documents, "
                        + "runs (id, question, "
                        + "iterations, strategy, branches, max-tokens, max-cost, max-time, analyze-every), outputs "
                        + "(report, export, summary). Relative paths are relative to the job file; the job's store "
                        + "wins over --store."
            })
    static final class Run implements Callable<Integer> {
        @ParentCommand
        JobCommand job;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "JOB", description = "The job file (.yaml, .yml or .json).")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            JobSpec s;
            try {
                s = JobSpec.load(file);
            } catch (IllegalArgumentException e) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
            }
            Path base = file.toAbsolutePath().getParent();
            Rhizome root = job.root;
            try (KnowledgeGraph kg = s.storeDir().isPresent() ? root.openStoreAt(base.resolve(s.storeDir().get()))
                    : root.openStore(true)) {
                Retrieval r = s.exactMatch() ? null
                        : RetrievalSupport.open(kg, root, spec.commandLine().getErr(), true);
                try {
                    JobReport rep;
                    try {
                        rep = new JobRunner(kg, base, out).run(s, r);
                    } catch (IllegalArgumentException e) {
                        throw new CommandFailedException(ExitCodes.BAD_INPUT, file + ": " + e.getMessage(), e);
                    }
                    out.printf(Locale.US, "job %s in %.1f s: %d documents, %d runs, %,d concepts, %,d statements%s%n",
                            rep.ok() ? "done" : "finished with failures", rep.seconds(), rep.documents().size(),
                            rep.runs().size(), rep.concepts(), rep.statements(),
                            rep.outputs().isEmpty() ? "" : "; wrote " + String.join(", ", rep.outputs()));
                    return rep.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
                } finally {
                    if (r != null) {
                        r.close();
                    }
                }
            }
        }
    }
}
