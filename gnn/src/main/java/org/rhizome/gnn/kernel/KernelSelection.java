package org.rhizome.gnn.kernel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the {@link Kernels} implementation of this JVM; see {@link Kernels#get()}. */
final class KernelSelection {
    /** The system property that forces an implementation. */
    static final String PROPERTY = "rhizome.gnn.kernels";
    /** Fewer float lanes than this and the Vector API is not worth it (SSE/NEON-sized species). */
    static final int MIN_LANES = 8;
    private static final String PANAMA_CLASS = "org.rhizome.gnn.kernel.PanamaKernels";

    /** The implementation chosen and why, in words for the log. */
    record Choice(Kernels kernels, String reason) {
    }

    private KernelSelection() {
    }

    /** Lazily chooses once per JVM and logs the choice. */
    static final class Holder {
        private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
        static final Kernels CHOSEN = chooseAndLog();

        private Holder() {
        }

        private static Kernels chooseAndLog() {
            Choice c = choose(System.getProperty(PROPERTY));
            LOG.info("gnn kernels: {} ({})", c.kernels().name(), c.reason());
            return c.kernels();
        }
    }

    /**
     * The choice for a value of {@code -Drhizome.gnn.kernels} ({@code null} when unset): {@code scalar} forces the
     * scalar kernels; anything else lets the platform decide.
     */
    static Choice choose(String property) {
        String forced = property == null ? "" : property.trim();
        if (forced.equalsIgnoreCase("scalar")) {
            return new Choice(ScalarKernels.INSTANCE, "forced by -D" + PROPERTY + "=scalar");
        }
        String ignored = forced.isEmpty() || forced.equalsIgnoreCase("auto") ? ""
                : "; ignored unknown -D" + PROPERTY + "=" + forced;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new Choice(ScalarKernels.INSTANCE, "jdk.incubator.vector is not loaded; run java with "
                    + "--add-modules jdk.incubator.vector for the Vector API kernels" + ignored);
        }
        try {
            // Reflection keeps PanamaKernels (and the Vector API classes) unloaded unless the module is there.
            Class<?> c = Class.forName(PANAMA_CLASS);
            int lanes = (int) c.getDeclaredMethod("preferredFloatLanes").invoke(null);
            if (lanes < MIN_LANES) {
                return new Choice(ScalarKernels.INSTANCE, "the preferred vector species has only " + lanes
                        + " float lanes, fewer than " + MIN_LANES + ignored);
            }
            Kernels k = (Kernels) c.getDeclaredConstructor().newInstance();
            boolean quad = (boolean) c.getDeclaredMethod("quadGradientsByDefault").invoke(null);
            return new Choice(k, "Vector API, preferred species with " + lanes + " float lanes; RotatE block "
                    + "gradients " + (quad ? "four" : "two") + " queries at a time" + ignored);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return new Choice(ScalarKernels.INSTANCE, "the Vector API kernels failed to load: " + e + ignored);
        }
    }
}
