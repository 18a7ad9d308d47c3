package org.ccpfhir.identity.pseudonym;

/** Identifier systems of pseudonyms: the base plus the domain, e.g. {@code …/BK-HD-G}. */
public final class PseudonymSystems {

  public static final String BASE = "https://ccp-fhir.org/fhir/sid/pseudonym/";

  private PseudonymSystems() {}

  public static String of(String domain) {
    return BASE + domain;
  }
}
