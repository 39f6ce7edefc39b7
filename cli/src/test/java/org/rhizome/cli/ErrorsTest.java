package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.apache.jena.query.QueryParseException;
import org.junit.jupiter.api.Test;
import org.rhizome.graph.InputFormatException;
import org.rhizome.graph.StoreException;
import org.rhizome.graph.StoreLockedException;

class ErrorsTest {
    private final Errors errors = new Errors(() -> false);

    @Test
    void exitCodesFollowWhatTheCallerShouldDoNext() {
        assertThat(errors.getExitCode(new InputFormatException("f.ttl", 1, 2, "bad"))).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(errors.getExitCode(new QueryParseException("bad", 1, 1))).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(errors.getExitCode(new StoreLockedException(Path.of("/s"), 42, null)))
                .isEqualTo(ExitCodes.STORE_UNAVAILABLE);
        assertThat(errors.getExitCode(new StoreException("cannot open"))).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
        assertThat(errors.getExitCode(new CommandFailedException(ExitCodes.BAD_INPUT, "no")))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(errors.getExitCode(new IllegalStateException("bug"))).isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    void aWrappedCauseDecidesTheExitCode() {
        RuntimeException wrapped = new RuntimeException("outer", new InputFormatException("f", -1, -1, "bad"));
        assertThat(errors.getExitCode(wrapped)).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void unexpectedFailuresNameTheExceptionAndPointToVerbose() {
        assertThat(Errors.message(new NullPointerException("x is null"), ExitCodes.FAILURE, false))
                .isEqualTo("unexpected error: NullPointerException: x is null "
                        + "(run with --verbose for the stack trace)");
        assertThat(Errors.message(new UncheckedIOException("cannot write out.ttl: disk full",
                new java.io.IOException("disk full")), ExitCodes.FAILURE, false))
                .isEqualTo("cannot write out.ttl: disk full");
    }

    @Test
    void messagesAreCollapsedToOneLine() {
        assertThat(Errors.oneLine("first\n   second\r\nthird  fourth")).isEqualTo("first second third fourth");
    }
}
