package meek.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import meek.RuntimeFailure;
import meek.model.ScalarOutput;
import meek.run.DrawSink;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code --keep-samples FILE}: every draw's parameters, outcome and scalar outputs as gzipped CSV, in sample
 * order, streamed. Each block formats its rows on its worker thread; blocks are written in order through a
 * reorder buffer that holds only blocks finished early (about one per thread). The file appears under its
 * name only when the run succeeds ({@link Publish}). Empty cell: not defined for that draw; {@code inf}: never.
 */
public final class SampleWriter implements DrawSink, AutoCloseable {

  private final Publish.StagedFile file;
  private final OutputStream out;
  private final Map<Integer, byte[]> pending = new HashMap<>();
  private final List<ScalarOutput> outputs;
  private int nextBlock;

  private SampleWriter(Publish.StagedFile file, OutputStream out, List<ScalarOutput> outputs) {
    this.file = file;
    this.out = out;
    this.outputs = outputs;
  }

  /** Opens the sample file claimed (written into its staging until {@link #commit}). */
  public static SampleWriter open(Publish.Claim claim, List<String> parameters, List<ScalarOutput> outputs) {
    Publish.StagedFile file = claim.stageFile();
    OutputStream out = null;
    try {
      out = new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file.path()), 1 << 16), 1 << 16);
      List<String> header = new ArrayList<>(List.of("sample"));
      header.addAll(parameters);
      header.add("outcome");
      outputs.forEach(o -> header.add(o.name()));
      StringBuilder sb = new StringBuilder();
      try (CSVPrinter csv = new CSVPrinter(sb, format())) {
        csv.printRecord(header);
      }
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
      return new SampleWriter(file, out, outputs);
    } catch (IOException e) {
      closeQuietly(out);
      file.close();
      throw failure(file, e);
    }
  }

  @Override
  public void accept(Draws b) {
    StringBuilder sb = new StringBuilder(b.size() * 160);
    try (CSVPrinter csv = new CSVPrinter(sb, format())) {
      List<Object> row = new ArrayList<>();
      for (int i = 0; i < b.size(); i++) {
        row.clear();
        row.add(b.from() + i);
        for (double[] p : b.params()) {
          row.add(p[i]);
        }
        row.add(b.outcome(i).key());
        for (int c = 0; c < outputs.size(); c++) {
          double v = b.scalars()[c][i];
          row.add(Double.isNaN(v) ? "" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : (Object) v);
        }
        csv.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      pending.put(b.block(), bytes);
      try {
        for (byte[] next = pending.remove(nextBlock); next != null; next = pending.remove(nextBlock)) {
          out.write(next);
          nextBlock++;
        }
      } catch (IOException e) {
        throw failure(e);
      }
    }
  }

  /** A write that failed (a full disk): one line naming the file as the user gave it. */
  private RuntimeFailure failure(IOException e) {
    return failure(file, e);
  }

  private static RuntimeFailure failure(Publish.StagedFile file, IOException e) {
    return new RuntimeFailure(file.target() + ": cannot be written (" + RuntimeFailure.reason(e) + "); nothing was kept");
  }

  /** Writes the rest of the file (every block must have arrived); it stays in staging until {@link #commit}. */
  public synchronized void finish() {
    if (!pending.isEmpty()) {
      throw new IllegalStateException("blocks missing before " + pending.keySet());
    }
    try {
      out.close();
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** Moves the finished file into place. */
  public synchronized void commit() throws IOException {
    finish();
    file.commit();
  }

  /** Discards the file unless it was committed. */
  @Override
  public void close() {
    closeQuietly(out);
    file.close();
  }

  private static void closeQuietly(OutputStream out) {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      // the file is being discarded, or was already closed
    }
  }

  private static CSVFormat format() {
    return CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
  }
}
