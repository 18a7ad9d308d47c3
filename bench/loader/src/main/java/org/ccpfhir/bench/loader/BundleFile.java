package org.ccpfhir.bench.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A transaction or batch bundle read into memory before the clock starts, so that disk reads are
 * not measured.
 *
 * @param name file name, for reports
 * @param body the bytes to POST
 * @param entries number of entries (= resources written when the bundle succeeds)
 * @param batch true for a batch bundle, whose entries may fail individually under HTTP 200
 */
public record BundleFile(String name, byte[] body, int entries, boolean batch) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads a bundle file and counts its entries. */
  public static BundleFile read(Path file) throws IOException {
    byte[] body = Files.readAllBytes(file);
    JsonNode root = JSON.readTree(body);
    if (!"Bundle".equals(root.path("resourceType").asText())) {
      throw new IOException(file + " is not a Bundle");
    }
    String type = root.path("type").asText();
    if (!type.equals("transaction") && !type.equals("batch")) {
      throw new IOException(file + " is a " + type + " bundle, not a transaction or batch");
    }
    return new BundleFile(
        file.getFileName().toString(), body, root.path("entry").size(), type.equals("batch"));
  }

  /** All {@code *.json} bundles of a folder, in name order. */
  public static List<BundleFile> readFolder(Path folder) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IOException("no *.json bundles in " + folder);
    }
    List<BundleFile> bundles = new ArrayList<>(files.size());
    for (Path file : files) {
      bundles.add(read(file));
    }
    return bundles;
  }
}
