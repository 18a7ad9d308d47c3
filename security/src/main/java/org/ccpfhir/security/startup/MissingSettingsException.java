package org.ccpfhir.security.startup;

import java.util.List;

/** The component refuses to start: settings it needs are missing (see {@link RequiredSettings}). */
public class MissingSettingsException extends RuntimeException {

  private final List<String> missing;

  public MissingSettingsException(List<String> missing) {
    super("missing settings (or start with the demo profile): " + String.join("; ", missing));
    this.missing = List.copyOf(missing);
  }

  public List<String> missing() {
    return missing;
  }
}
