package org.ccpfhir.synthetic;

/** A value with a relative weight for {@link SeededRandom#pickWeighted}. */
record Weighted<T>(T value, double weight) {

  static <T> Weighted<T> of(T value, double weight) {
    return new Weighted<>(value, weight);
  }
}
