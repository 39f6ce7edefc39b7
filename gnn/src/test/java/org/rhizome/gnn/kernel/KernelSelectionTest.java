package org.rhizome.gnn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The start-up choice, tested through the package-private factory rather than by setting the system property. */
class KernelSelectionTest {

    private static boolean vectorModuleLoaded() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    @Test
    void scalarPropertyForcesTheScalarKernels() {
        KernelSelection.Choice c = KernelSelection.choose("scalar");
        assertThat(c.kernels()).isSameAs(Kernels.scalar());
        assertThat(c.reason()).contains("-Drhizome.gnn.kernels=scalar");
        assertThat(KernelSelection.choose(" Scalar ").kernels().name()).isEqualTo("scalar");
    }

    @Test
    void withoutThePropertyThePlatformDecides() {
        KernelSelection.Choice c = KernelSelection.choose(null);
        // surefire runs with --add-modules jdk.incubator.vector (the parent pom's argLine)
        if (vectorModuleLoaded() && PanamaKernels.preferredFloatLanes() >= KernelSelection.MIN_LANES) {
            assertThat(c.kernels()).isInstanceOf(PanamaKernels.class);
            assertThat(c.kernels().name()).isEqualTo("panama-" + PanamaKernels.preferredFloatLanes() * 32);
            assertThat(c.reason()).contains("Vector API").contains("RotatE block gradients "
                    + (PanamaKernels.quadGradientsByDefault() ? "four" : "two") + " queries at a time");
        } else {
            assertThat(c.kernels()).isSameAs(Kernels.scalar());
        }
        assertThat(KernelSelection.choose("auto").kernels().name()).isEqualTo(c.kernels().name());
        assertThat(KernelSelection.choose("").kernels().name()).isEqualTo(c.kernels().name());
    }

    @Test
    void anUnknownValueDoesNotForceScalarButIsReported() {
        KernelSelection.Choice c = KernelSelection.choose("gpu");
        assertThat(c.kernels().name()).isEqualTo(KernelSelection.choose(null).kernels().name());
        assertThat(c.reason()).contains("ignored unknown -Drhizome.gnn.kernels=gpu");
    }

    @Test
    void getChoosesOncePerJvmAsThePropertySays() {
        Kernels k = Kernels.get();
        assertThat(Kernels.get()).isSameAs(k);
        assertThat(k.name()).isEqualTo(KernelSelection.choose(System.getProperty(KernelSelection.PROPERTY))
                .kernels().name());
    }

    @Test
    void rotatesFourQueryGradientsRunFromJdk25UnlessThePropertySaysOtherwise() {
        assertThat(PanamaKernels.quadGradients(null, 17)).isFalse();
        assertThat(PanamaKernels.quadGradients(null, 24)).isFalse();
        assertThat(PanamaKernels.quadGradients(null, 25)).isTrue();
        assertThat(PanamaKernels.quadGradients(" ", 26)).isTrue();
        assertThat(PanamaKernels.quadGradients("true", 17)).isTrue();
        assertThat(PanamaKernels.quadGradients(" TRUE ", 17)).isTrue();
        assertThat(PanamaKernels.quadGradients("false", 25)).isFalse();
    }

    @Test
    void scalarIsTheReference() {
        assertThat(Kernels.scalar()).isInstanceOf(ScalarKernels.class).isSameAs(Kernels.scalar());
        assertThat(Kernels.scalar().name()).isEqualTo("scalar");
    }
}
