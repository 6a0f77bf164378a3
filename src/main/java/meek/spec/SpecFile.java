package meek.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meek.InputException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * A YAML file a user gave meek (a spec or a batch), read once: its bytes, their SHA-256, the parsed tree and
 * the line of every key, for one-line errors. The one preamble of every reader in this package.
 *
 * @param bytes the file's bytes, as read (what the hash and {@code references.bib} are made from)
 * @param root the parsed YAML (null for an empty file)
 * @param where the file and the line of each key
 * @param sha256 hex SHA-256 of the bytes
 */
record SpecFile(byte[] bytes, JsonNode root, Where where, String sha256) {

  /** The largest spec or batch file meek reads: far above any real one, far below what would exhaust memory. */
  static final int MAX_BYTES = 16 << 20;

  /** Reads a file; a missing one is a one-line error ending with {@code hint} (where such files live). */
  static SpecFile read(Path file, String hint) {
    byte[] bytes;
    if (Files.isDirectory(file)) {
      throw new InputException(file + ": a folder, not a YAML file; give the file itself (" + hint + ")");
    }
    try {
      // refused before reading when its size is known, and never read past the limit (/dev/zero, a pipe)
      if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
        throw tooLarge(file);
      }
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
      if (bytes.length > MAX_BYTES) {
        throw tooLarge(file);
      }
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file; check the path (" + hint + ")");
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    return of(file, bytes);
  }

  private static InputException tooLarge(Path file) {
    return new InputException(file + ": larger than " + (MAX_BYTES >> 20) + " MB, too large for a spec; a spec is a short YAML file"
        + " (put long lists of values in a CSV file and use dist: empirical with file:)");
  }

  /** Parses bytes that come from elsewhere (a spec composed by a batch), named {@code file} in errors. */
  static SpecFile of(Path file, byte[] bytes) {
    checkUtf8(file, bytes);
    Tokens tokens = Tokens.of(bytes);
    return new SpecFile(bytes, parse(file, bytes, tokens), new Where(file, tokens.lines()), sha256(bytes));
  }

  Path file() {
    return where.file();
  }

  /** A YAML mapping, checked for duplicate keys. */
  static ObjectMapper yamlMapper() {
    ObjectMapper m = new ObjectMapper(new YAMLFactory());
    m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return m;
  }

  private static JsonNode parse(Path file, byte[] bytes, Tokens tokens) {
    Map<String, Integer> lines = tokens.lines();
    try {
      JsonNode tree = yamlMapper().readTree(bytes);
      if (tokens.documents() > 1) { // Jackson reads the first document only: the rest would be ignored without a word
        throw new InputException(file + ": holds " + tokens.documents() + " YAML documents (separated by ---); a spec or batch is one;"
            + " remove the others");
      }
      return tokens.aliases() ? resolvingAliases(file, bytes) : tree;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      String why = e.getOriginalMessage().split("\n")[0];
      Matcher nonFinite = Pattern.compile("Malformed numeric value '([-+]?\\.(?i:inf|nan))'").matcher(why);
      if (nonFinite.find()) { // YAML's .inf and .nan: name the key, which Jackson does not
        String key = keyBefore(bytes, lines, line, nonFinite.group(1));
        throw new InputException(file + (line > 0 ? ":" + line : "") + ": " + key + ": must be a finite number (got " + nonFinite.group(1)
            + "); write a finite number, and for an open end of a range leave out min: or max:");
      }
      throw new InputException(file + (line > 0 ? ":" + line : "") + ": invalid YAML: " + why + "; check indentation, colons and quotes");
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /** A spec is UTF-8 (a byte-order mark is allowed); UTF-16 and Latin-1 files get told how to fix it. */
  private static void checkUtf8(Path file, byte[] bytes) {
    boolean bom16 = bytes.length >= 2 && ((bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe
        || (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff);
    boolean zeros16 = bytes.length >= 2 && (bytes[0] == 0 || bytes[1] == 0);
    if (bom16 || zeros16) {
      throw new InputException(file + (bom16 ? ": is UTF-16 encoded" : ": holds NUL bytes, so it is UTF-16 or not text at all")
          + "; save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)");
    }
    int bad = firstMalformed(bytes);
    if (bad >= 0) {
      int line = 1;
      for (int i = 0; i < bad; i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      throw new InputException(file + ":" + line + ": not UTF-8 (byte 0x" + Integer.toHexString(bytes[bad] & 0xff)
          + "); save the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)");
    }
  }

  /** The index of the first byte that does not start or continue a valid UTF-8 sequence, or −1. */
  private static int firstMalformed(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : -1;
  }

  /**
   * The tree with its anchors and aliases resolved (merge keys {@code <<: *base} too), by SnakeYAML's safe
   * loader: duplicate keys refused, and at most 50 aliases to collections (no "billion laughs").
   */
  private static JsonNode resolvingAliases(Path file, byte[] bytes) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    try {
      Object data = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options)
          .load(new String(bytes, StandardCharsets.UTF_8));
      return yamlMapper().valueToTree(data);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? -1 : e.getProblemMark().getLine() + 1;
      throw new InputException(file + (line > 0 ? ":" + line : "") + ": invalid YAML: " + e.getProblem()
          + "; check that every alias (*name) has its anchor (&name) above it");
    } catch (YAMLException | IllegalArgumentException e) {
      throw new InputException(file + ": invalid YAML: " + e.getMessage().split("\n")[0] + "; check the anchors (&name) and aliases (*name)");
    }
  }

  /**
   * The key whose value is {@code literal} on that line: of the keys on the line, the one named last before
   * it (a flow mapping such as {@code {dist: normal, sd: .inf}} holds several).
   */
  private static String keyBefore(byte[] bytes, Map<String, Integer> lines, int line, String literal) {
    List<String> onLine = lines.entrySet().stream().filter(k -> k.getValue() == line).map(Map.Entry::getKey).toList();
    String[] text = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    if (line >= 1 && line <= text.length) {
      int at = text[line - 1].indexOf(literal);
      String before = text[line - 1].substring(0, Math.max(0, at));
      Matcher last = Pattern.compile("([A-Za-z_][\\w.]*)\\s*:\\s*$").matcher(before);
      if (last.find()) {
        String name = last.group(1);
        return onLine.stream().filter(k -> k.equals(name) || k.endsWith("." + name)).findFirst().orElse(name);
      }
    }
    return onLine.stream().max(Comparator.comparingInt(String::length)).orElse("a value");
  }

  /** Line of every key, by dotted path ("params.alpha.sd"), read from the token stream. */
  /**
   * One pass over the YAML's tokens: the line of every key (for one-line errors), whether it uses an alias
   * ({@code *name}, which Jackson's tree would read as the text "name") and how many documents it holds. A
   * file that does not parse gets what was read before the error; {@link #parse} reports the error.
   */
  private record Tokens(Map<String, Integer> lines, boolean aliases, int documents) {
    static Tokens of(byte[] bytes) {
      Map<String, Integer> lines = new HashMap<>();
      boolean aliases = false;
      int documents = 0;
      int depth = 0;
      try (JsonParser p = new YAMLFactory().createParser(bytes)) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          if (depth == 0) {
            documents++;
          }
          depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
          aliases |= ((YAMLParser) p).isCurrentAlias();
          if (t == JsonToken.FIELD_NAME) {
            // "/correlations/0/rho" → "correlations[0].rho", the form used in messages
            String path = p.getParsingContext().pathAsPointer().toString().substring(1).replace('/', '.')
                .replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]");
            lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
          }
        }
      } catch (IOException e) {
        // a parse error: reported with its line by parse()
      }
      return new Tokens(lines, aliases, documents);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
