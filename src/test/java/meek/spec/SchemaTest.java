package meek.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import meek.InputException;
import meek.cli.BadInputTest;
import meek.cli.BatchTest;
import meek.cli.ReaderFuzzTest;
import org.apache.commons.rng.UniformRandomProvider;
import meek.model.BenchmarkView;
import meek.model.LossView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The JSON Schemas in {@code schema/} (draft 2020-12, checked by networknt's validator) and the readers agree:
 * every shipped spec and batch is valid; every structural mistake of the bad-input tests is rejected by the
 * schema too; what the schema cannot express is exactly the list the README gives; the schema names every
 * key the readers know, each with a description; and a spec the reader accepts is never flagged by the schema.
 */
class SchemaTest {

  private static final Path SPEC_SCHEMA = Path.of("schema/spec.schema.json");
  private static final Path BATCH_SCHEMA = Path.of("schema/batch.schema.json");
  /** Loads the schemas from the work tree (a relative $ref such as spec.schema.json#/$defs/… resolves beside them). */
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
      b -> b.schemas(SchemaTest::fileContents));

  private static String fileContents(String iri) {
    if (!iri.startsWith("file:")) {
      return null; // the draft's meta-schemas come with the library
    }
    try {
      return Files.readString(Path.of(java.net.URI.create(iri)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Bad specs of {@link BadInputTest} that the schema accepts because no JSON Schema can say it: the README's
   * list (relations between values, domains that depend on other keys, what files hold, the order of a
   * schedule, numbers beyond a double).
   */
  private static final Set<String> SCHEMA_CANNOT = Set.of(
      "p5 above p95", "p5 equals p95", "uniform min above max", "truncation min above max", "lognormal bound not positive",
      "truncation without mass", "weights not summing to one", "weights and components differ", "empirical file missing",
      "shorthand reversed", "correlation of an unknown parameter", "correlation of a constant", "correlations that contradict",
      "benchmark steps below one", "epsilon outside (0, 0.5)", "inference rate not positive", "schedule out of order",
      "schedule overlapping", "overflowing constant", "overflowing percentile", "overflowing text number",
      "constant outside its domain", "schedule rate outside its domain", "empirical values all outside the domain");

  /** Bad specs that are not YAML meek reads (an editor flags them as YAML errors, or reads .inf as a number). */
  private static final Set<String> NOT_READ_AS_YAML = Set.of(
      "invalid YAML", "duplicate key", "YAML .inf", "YAML .nan", "YAML -.inf in a flow mapping", "YAML .inf after other keys",
      "two YAML documents");

  /** Bad batches the schema cannot reject: two runs with one name, a base spec that does not exist. */
  private static final Set<String> BATCH_SCHEMA_CANNOT = Set.of("share the folder name", "no spec file");

  private static Schema schema(Path file) {
    return REGISTRY.getSchema(SchemaLocation.of(file.toAbsolutePath().toUri().toString()));
  }

  private static List<Error> errors(Path schemaFile, JsonNode tree) {
    return schema(schemaFile).validate(tree);
  }

  private static JsonNode tree(Path file, String text) {
    return SpecFile.of(file, text.getBytes(StandardCharsets.UTF_8)).root();
  }

  private static List<Path> yamlFiles(String folder) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(folder))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void theSchemasAreValidDraft202012Schemas() throws IOException {
    Schema meta = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    for (Path s : List.of(SPEC_SCHEMA, BATCH_SCHEMA)) {
      JsonNode tree = new ObjectMapper().readTree(s.toFile());
      assertThat(tree.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(meta.validate(tree)).as(s.toString()).isEmpty();
    }
  }

  @Test
  void everyShippedSpecAndBatchIsValidAndNamesItsSchema() throws IOException {
    List<Path> specs = yamlFiles("distributions");
    List<Path> batches = yamlFiles("distributions/batches");
    assertThat(specs).hasSizeGreaterThanOrEqualTo(10);
    assertThat(batches).hasSizeGreaterThanOrEqualTo(4);
    for (Path f : specs) {
      checkShipped(f, SPEC_SCHEMA);
    }
    for (Path f : batches) {
      checkShipped(f, BATCH_SCHEMA);
    }
  }

  private static void checkShipped(Path file, Path schemaFile) throws IOException {
    String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
    assertThat(first).as(file.toString()).startsWith("# yaml-language-server: $schema=");
    Path named = file.getParent().resolve(first.substring(first.indexOf('=') + 1).strip()).normalize();
    assertThat(named).as(file + " names its schema").isEqualTo(schemaFile.normalize());
    assertThat(errors(schemaFile, SpecFile.read(file, "").root())).as(file.toString()).isEmpty();
  }

  @Test
  void theBadSpecsOfTheBadInputTestAreRejectedUnlessNoSchemaCanSayIt() {
    Set<String> seen = new HashSet<>();
    for (Iterator<Arguments> it = BadInputTest.badSpecs().iterator(); it.hasNext(); ) {
      Object[] c = it.next().get();
      String name = (String) c[0];
      seen.add(name);
      JsonNode tree;
      try {
        tree = tree(Path.of("s.yaml"), (String) c[1]);
      } catch (InputException e) {
        assertThat(NOT_READ_AS_YAML).as(name + " is not YAML meek reads: " + e.getMessage()).contains(name);
        continue;
      }
      assertThat(NOT_READ_AS_YAML).as(name).doesNotContain(name);
      List<Error> found = errors(SPEC_SCHEMA, tree);
      if (SCHEMA_CANNOT.contains(name)) {
        assertThat(found).as(name + ": listed as beyond a schema, but the schema rejects it; take it off the list").isEmpty();
      } else {
        assertThat(found).as(name + ": a structural mistake the schema must reject").isNotEmpty();
      }
    }
    assertThat(seen).containsAll(SCHEMA_CANNOT).containsAll(NOT_READ_AS_YAML);
    assertThat(errors(SPEC_SCHEMA, tree(Path.of("s.yaml"), BadInputTest.VALID))).as("the valid spec they are made from").isEmpty();
  }

  @Test
  void theBadBatchesOfTheBatchTestAreRejectedUnlessNoSchemaCanSayIt() {
    for (Map.Entry<String, String> c : BatchTest.BAD_BATCHES.entrySet()) {
      List<Error> found = errors(BATCH_SCHEMA, tree(Path.of("b.yaml"), "base: ../chinchilla.yaml\n" + c.getKey()));
      if (BATCH_SCHEMA_CANNOT.contains(c.getValue())) {
        assertThat(found).as(c.getKey()).isEmpty();
      } else {
        assertThat(found).as(c.getKey()).isNotEmpty();
      }
    }
    assertThat(errors(BATCH_SCHEMA, tree(Path.of("b.yaml"), "grid:\n  g_inv: [3.6, 5]\n"))).as("a grid needs base:").isNotEmpty();
  }

  /**
   * The schema is never stricter than the reader: a mutated shipped spec that meek reads is valid under the
   * schema (so an editor never flags a spec meek runs). Fixed seed; most mutations make the spec unreadable,
   * the rest are the interesting ones.
   */
  @Test
  void aSpecTheReaderAcceptsTheSchemaAccepts() throws IOException {
    UniformRandomProvider rng = ReaderFuzzTest.edits(20261205);
    int accepted = 0;
    for (int attempt = 0; attempt < 1500; attempt++) {
      Path preset = Path.of(ReaderFuzzTest.SPECS.get(rng.nextInt(ReaderFuzzTest.SPECS.size())));
      List<ReaderFuzzTest.Edit> edits = ReaderFuzzTest.randomEdits(rng);
      String mutated = ReaderFuzzTest.apply(Files.readString(preset, StandardCharsets.UTF_8), edits);
      byte[] bytes = mutated.getBytes(StandardCharsets.UTF_8);
      try {
        new SpecReader().read(preset, bytes); // the preset's own path, so its data files resolve
      } catch (InputException e) {
        continue;
      }
      accepted++;
      assertThat(errors(SPEC_SCHEMA, SpecFile.of(preset, bytes).root())).as("try " + attempt + ": " + preset + " " + edits + "\n" + mutated).isEmpty();
    }
    // (the property says nothing unless some mutated specs are read)
    assertThat(accepted).as("mutated specs the reader accepts").isGreaterThan(100); // 521 of 1,500 with this seed
  }

  @Test
  void numbersWrittenAsTextAreReadAsTheSchemaReadsThem() {
    // YAML 1.1 reads 3.0e19 as text; meek and the schema take the same digits-only forms, nothing else
    for (String text : List.of("3.0e19", "1e1_0", "1_000", "-2.5", ".5", "1e+10", "0x10", "1f", "1.5e", "1e1.5", "NaN", "abc")) {
      String spec = BadInputTest.VALID.replace("L0: 1.7", "L0: '" + text + "'"); // L0 may be any finite number
      boolean reader;
      try {
        new SpecReader().read(Path.of("s.yaml"), spec.getBytes(StandardCharsets.UTF_8));
        reader = true;
      } catch (InputException e) {
        reader = false;
      }
      boolean schema = errors(SPEC_SCHEMA, tree(Path.of("s.yaml"), spec)).isEmpty();
      assertThat(schema).as("'%s': meek %s it", text, reader ? "reads" : "refuses").isEqualTo(reader);
    }
  }

  @Test
  void theSchemaNamesEveryKeyTheReadersKnow() throws IOException {
    JsonNode spec = new ObjectMapper().readTree(SPEC_SCHEMA.toFile());
    JsonNode batch = new ObjectMapper().readTree(BATCH_SCHEMA.toFile());
    assertThat(names(spec.path("properties"))).isEqualTo(new TreeSet<>(SpecReader.TOP_KEYS));
    assertThat(names(spec.at("/properties/params/properties"))).isEqualTo(new TreeSet<>(LossView.PARAMETERS));
    assertThat(names(spec.at("/properties/benchmark/properties"))).isEqualTo(new TreeSet<>(BenchmarkView.PARAMETERS));
    assertThat(names(spec.at("/properties/discrimination/properties"))).isEqualTo(new TreeSet<>(ViewBlocks.DISCRIMINATION_KEYS));
    assertThat(names(spec.at("/properties/inference/properties"))).isEqualTo(new TreeSet<>(ViewBlocks.INFERENCE_KEYS));
    Set<String> forms = new TreeSet<>();
    spec.at("/$defs/distribution/properties/dist/enum").forEach(n -> forms.add(n.asText()));
    assertThat(forms).isEqualTo(DistributionParser.Form.NAMES);
    for (DistributionParser.Form f : DistributionParser.Form.values()) {
      Set<String> keys = new TreeSet<>(f.keys);
      keys.removeIf(k -> k.matches("p[0-9.]+")); // the schema's patternProperties take every percentile key
      assertThat(names(spec.at("/$defs/" + f.key + "/properties"))).as(f.key).isEqualTo(keys);
      assertThat(spec.at("/$defs/" + f.key + "/patternProperties").isMissingNode()).as(f.key + " takes percentiles").isEqualTo(!f.takesPercentiles());
    }
    assertThat(names(batch.path("properties"))).isEqualTo(new TreeSet<>(BatchReader.TOP_KEYS));
    assertThat(names(batch.at("/properties/grid/properties"))).isEqualTo(new TreeSet<>(LossView.PARAMETERS));
    Set<String> runKeys = new TreeSet<>(LossView.PARAMETERS);
    runKeys.addAll(List.of("name", "base"));
    assertThat(names(batch.at("/properties/runs/items/properties"))).isEqualTo(runKeys);
  }

  @Test
  void everyKeyHasADescriptionAnEditorCanShow() throws IOException {
    JsonNode spec = new ObjectMapper().readTree(SPEC_SCHEMA.toFile());
    JsonNode batch = new ObjectMapper().readTree(BATCH_SCHEMA.toFile());
    List<String> undescribed = new ArrayList<>();
    undescribed(spec, spec, spec, "spec", undescribed);
    undescribed(batch, batch, spec, "batch", undescribed);
    assertThat(undescribed).isEmpty();
  }

  /** Every entry of every "properties" has a description, itself or through its $ref. */
  private static void undescribed(JsonNode node, JsonNode self, JsonNode spec, String at, List<String> out) {
    if (node.has("properties") && node.get("properties").isObject() && !at.endsWith("/if")) { // an if's properties are conditions, not keys
      node.get("properties").fields().forEachRemaining(e -> {
        if (!described(e.getValue(), self, spec)) {
          out.add(at + "." + e.getKey());
        }
      });
    }
    node.fields().forEachRemaining(e -> {
      if (e.getValue().isContainerNode()) {
        undescribed(e.getValue(), self, spec, at + "/" + e.getKey(), out);
      }
    });
    if (node.isArray()) {
      node.forEach(n -> undescribed(n, self, spec, at + "[]", out));
    }
  }

  private static boolean described(JsonNode property, JsonNode self, JsonNode spec) {
    if (property.has("description")) {
      return true;
    }
    String ref = property.path("$ref").asText("");
    if (ref.isEmpty()) {
      return false;
    }
    JsonNode target = ref.startsWith("#") ? self.at(ref.substring(1)) : spec.at(ref.substring(ref.indexOf('#') + 1));
    return target.has("description") || (!target.isMissingNode() && described(target, ref.startsWith("#") ? self : spec, spec));
  }

  private static Set<String> names(JsonNode properties) {
    assertThat(properties.isObject()).as("a properties object").isTrue();
    Set<String> names = new TreeSet<>();
    properties.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
