package meek.spec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import meek.InputException;

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

  /** Reads a file; a missing one is a one-line error ending with {@code hint} (where such files live). */
  static SpecFile read(Path file, String hint) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file; check the path (" + hint + ")");
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    return of(file, bytes);
  }

  /** Parses bytes that come from elsewhere (a spec composed by a batch), named {@code file} in errors. */
  static SpecFile of(Path file, byte[] bytes) {
    Where where = new Where(file, lineIndex(bytes));
    return new SpecFile(bytes, parse(file, bytes), where, sha256(bytes));
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

  private static JsonNode parse(Path file, byte[] bytes) {
    try {
      return yamlMapper().readTree(bytes);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      String why = e.getOriginalMessage().split("\n")[0];
      throw new InputException(file + (line > 0 ? ":" + line : "") + ": invalid YAML: " + why + "; check indentation, colons and quotes");
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /** Line of every key, by dotted path ("params.alpha.sd"), read from the token stream. */
  private static Map<String, Integer> lineIndex(byte[] bytes) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = new YAMLFactory().createParser(bytes)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          // "/correlations/0/rho" → "correlations[0].rho", the form used in messages
          String path = p.getParsingContext().pathAsPointer().toString().substring(1).replace('/', '.')
              .replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]");
          lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
        }
      }
    } catch (JsonParseException e) {
      // reported with its line by parse()
    } catch (IOException e) {
      // likewise
    }
    return lines;
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
