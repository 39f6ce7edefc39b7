package org.rhizome.gnn.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rhizome.gnn.model.ModelKind;
import org.rhizome.gnn.training.LearningRateSchedule;
import org.rhizome.gnn.training.TrainingConfig;

class PipelineConfigTest {
    @TempDir
    Path dir;

    /** A configuration with no value left at its default. */
    private static PipelineConfig unusual(ModelKind kind) {
        TrainingConfig t = new TrainingConfig(kind, 37, 11, 96, 1234, 0.0025f, "adagrad", "margin", 9.5f, 0.75f,
                1e-5f, false, "tail", 7, 4, "n3", kind == ModelKind.ROTATE ? -0.5f : -0.02f, 0.5f,
                kind == ModelKind.ROTATE ? 0f : 0.25f, kind == ModelKind.ROTATE ? 0f : 0.125f, // RotatE: no dropout
                TrainingConfig.UNIFORM, 0f, 3e-6f, TrainingConfig.SHUFFLED);
        return new PipelineConfig("some/folder with space", 99, t,
                new PipelineConfig.Sampler("lemon", "texts/entity2text.txt", 16, 40, 2, "replaced", 0.25),
                new PipelineConfig.Validation(250, 5), 3, true);
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void everyValueRoundTripsThroughJsonAndYaml(ModelKind kind) {
        PipelineConfig c = unusual(kind);
        assertThat(PipelineConfig.parse(c.toJson(), false, "json")).isEqualTo(c);
        assertThat(PipelineConfig.parse(c.toYaml(), true, "yaml")).isEqualTo(c);
        if (kind != ModelKind.ROTATE) { // dropout masks per scored triple: with dropout and chunks of one
            PipelineConfig p = c.withTraining(c.training().withChunk(1)
                    .withDropoutMasks(TrainingConfig.MASKS_PER_TRIPLE));
            assertThat(PipelineConfig.parse(p.toYaml(), true, "yaml")).isEqualTo(p);
            assertThat(p.toYaml()).contains("dropout-masks: per-triple");
        }
        PipelineConfig store = PipelineConfig.defaults().withData(null);
        assertThat(PipelineConfig.parse(store.toYaml(), true, "yaml")).isEqualTo(store);
    }

    @Test
    void filesRoundTripByExtension() throws Exception {
        PipelineConfig c = unusual(ModelKind.COMPLEX);
        Path yaml = dir.resolve("p.yaml");
        Path json = dir.resolve("p.json");
        c.write(yaml);
        c.write(json);
        assertThat(Files.readString(yaml)).contains("training:").doesNotContain("{");
        assertThat(Files.readString(json)).startsWith("{");
        assertThat(PipelineConfig.read(yaml)).isEqualTo(c);
        assertThat(PipelineConfig.read(json)).isEqualTo(c);
    }

    @Test
    void absentKeysKeepTheirDefaults() {
        PipelineConfig c = PipelineConfig.parse("""
                data: ../shared/datasets/UMLS
                training:
                  model: distmult
                  steps: 300
                validation:
                  every: 100
                """, true, "partial.yaml");
        PipelineConfig d = PipelineConfig.defaults();
        assertThat(c.data()).isEqualTo("../shared/datasets/UMLS");
        assertThat(c.training()).isEqualTo(d.training().withModel(ModelKind.DISTMULT).withSteps(300));
        assertThat(c.validation()).isEqualTo(new PipelineConfig.Validation(100, d.validation().patience()));
        assertThat(c.sampler()).isEqualTo(d.sampler());
        assertThat(c.threads()).isEqualTo(d.threads());
        assertThat(PipelineConfig.parse("", true, "empty.yaml")).isEqualTo(d);
        assertThat(PipelineConfig.parse("{}", false, "empty.json")).isEqualTo(d);
        // one penalty weight weighs both tables, as before the relation table had its own; two are kept apart
        TrainingConfig one = PipelineConfig.parse("training:\n  regularization: 0.5\n", true, "one.yaml").training();
        assertThat(one.regularization()).isEqualTo(0.5f);
        assertThat(one.relationRegularization()).isEqualTo(0.5f);
        TrainingConfig two = PipelineConfig.parse("training:\n  regularization: 0.5\n  relation-regularization: 0\n",
                true, "two.yaml").training();
        assertThat(two.relationRegularization()).isZero();
        assertThat(two).isEqualTo(d.training().withRegularization(0.5f, 0f));
        // head negatives: absent means as many as negatives; a count of their own round-trips through YAML
        assertThat(d.training().headNegatives()).isEqualTo(TrainingConfig.SAME_NEGATIVES);
        PipelineConfig heads = PipelineConfig.parse("training:\n  negatives: 158\n  head-negatives: 70\n", true,
                "heads.yaml");
        assertThat(heads.training().headNegatives()).isEqualTo(70);
        assertThat(PipelineConfig.parse(heads.toYaml(), true, "again.yaml")).isEqualTo(heads);
        assertThatThrownBy(() -> PipelineConfig.parse("training:\n  head-negatives: -2\n", true, "neg.yaml"))
                .hasMessageContaining("neg.yaml").hasMessageContaining("head negatives must be >= 0");
        // the learning-rate schedule: constant by default, a plateau schedule round-trips as its text
        assertThat(d.training().lrSchedule()).isEqualTo(LearningRateSchedule.CONSTANT);
        PipelineConfig plateau = PipelineConfig.parse("training:\n  lr-schedule: plateau\n", true, "p.yaml");
        assertThat(plateau.training().lrSchedule()).isEqualTo(LearningRateSchedule.plateau(0.95, 5, 1e-4));
        assertThat(PipelineConfig.parse(plateau.toJson(), false, "p.json")).isEqualTo(plateau);
        assertThatThrownBy(() -> PipelineConfig.parse("training:\n  lr-schedule: cosine\n", true, "cos.yaml"))
                .hasMessageContaining("cos.yaml").hasMessageContaining("'cosine'");
    }

    @Test
    void badDocumentsAreRefusedNamingTheDocumentAndTheKey() {
        assertThatThrownBy(() -> PipelineConfig.parse("training:\n  rnak: 10\n", true, "typo.yaml"))
                .hasMessageContaining("typo.yaml").hasMessageContaining("unknown key 'training.rnak'")
                .hasMessageContaining("rank");
        assertThatThrownBy(() -> PipelineConfig.parse("{\"sampling\": {}}", false, "top.json"))
                .hasMessageContaining("unknown key 'sampling'").hasMessageContaining("sampler");
        assertThatThrownBy(() -> PipelineConfig.parse("training:\n  rank: ten\n", true, "type.yaml"))
                .hasMessageContaining("type.yaml").hasMessageContaining("'training.rank' must be an integer");
        assertThatThrownBy(() -> PipelineConfig.parse("training:\n  rank: 2.5\n", true, "frac.yaml"))
                .hasMessageContaining("'training.rank' must be an integer");
        assertThatThrownBy(() -> PipelineConfig.parse("training:\n  subsampling: maybe\n", true, "b.yaml"))
                .hasMessageContaining("'training.subsampling' must be true or false");
        assertThatThrownBy(() -> PipelineConfig.parse("training:\n  rank: 0\n", true, "range.yaml"))
                .hasMessageContaining("range.yaml").hasMessageContaining("rank");
        assertThatThrownBy(() -> PipelineConfig.parse("training:\n  model: hole\n", true, "m.yaml"))
                .hasMessageContaining("m.yaml").hasMessageContaining("unknown model 'hole'");
        assertThatThrownBy(() -> PipelineConfig.parse("sampler:\n  kind: lemon\n  lemon-uniform: 2\n", true,
                "s.yaml")).hasMessageContaining("s.yaml").hasMessageContaining("uniform share");
        assertThatThrownBy(() -> PipelineConfig.parse("training:\n  batches: shuffle\n", true, "bt.yaml"))
                .hasMessageContaining("bt.yaml").hasMessageContaining("batches must be with-replacement or shuffled")
                .hasMessageContaining("shuffle");
        assertThatThrownBy(() -> PipelineConfig.parse("training: 5\n", true, "shape.yaml"))
                .hasMessageContaining("'training' must be a mapping");
        assertThatThrownBy(() -> PipelineConfig.parse("- a\n- b\n", true, "list.yaml"))
                .hasMessageContaining("must be a mapping of keys to values");
        assertThatThrownBy(() -> PipelineConfig.parse("{\"threads\": 2,,}", false, "broken.json"))
                .hasMessageContaining("broken.json: not valid JSON").hasMessageContaining("line 1");
        String all = "training:\n  negatives: 0\n  loss: cross-entropy\n  sides: both\n";
        assertThat(PipelineConfig.parse(all, true, "all.yaml").training().allEntities()).isTrue();
        assertThatThrownBy(() -> PipelineConfig.parse(all + "sampler:\n  kind: lemon\n", true, "al.yaml"))
                .hasMessageContaining("al.yaml").hasMessageContaining("training against all entities");
        assertThatThrownBy(() -> PipelineConfig.parse("training:\n  negatives: 0\n", true, "n0.yaml"))
                .hasMessageContaining("n0.yaml").hasMessageContaining("needs the cross-entropy loss");
        assertThatThrownBy(() -> PipelineConfig.parse("reciprocal: true\n", true, "r.yaml"))
                .hasMessageContaining("r.yaml").hasMessageContaining("training.sides must be tail, got alternate");
        assertThat(PipelineConfig.parse("reciprocal: true\ntraining:\n  sides: tail\n", true, "ok.yaml")
                .reciprocal()).isTrue();
        assertThatThrownBy(() -> PipelineConfig.read(dir.resolve("absent.yaml")))
                .hasMessageContaining("cannot read the pipeline configuration");
    }
}
