package org.ccpfhir.mdssearch.count;

import java.util.List;

/**
 * A count query: FHIR search expressions ({@code Condition?code:below=C50}) combined with AND, OR
 * and NOT. Each search expression selects the patients having at least one resource of its type
 * that matches it.
 */
public sealed interface Criteria {

  /** Canonical text: equal for queries that differ only in order, spacing or duplicates. */
  String canonical();

  /**
   * Search terms, the size a request limit bounds: every value of every parameter of every search
   * expression; an expression without values counts one.
   */
  int terms();

  /**
   * One FHIR search expression.
   *
   * @param type the resource type
   * @param params its search parameters, each with one or more alternative values
   */
  record Search(String type, List<SearchParam> params) implements Criteria {
    public Search {
      params = List.copyOf(params);
    }

    @Override
    public String canonical() {
      return type
          + "?"
          + String.join(
              "&", params.stream().map(SearchParam::canonical).sorted().distinct().toList());
    }

    @Override
    public int terms() {
      return Math.max(1, params.stream().mapToInt(p -> p.values().size()).sum());
    }
  }

  /** All of the operands. */
  record And(List<Criteria> operands) implements Criteria {
    @Override
    public int terms() {
      return operands.stream().mapToInt(Criteria::terms).sum();
    }

    public And {
      operands = List.copyOf(operands);
    }

    @Override
    public String canonical() {
      return "AND("
          + String.join(
              ",", operands.stream().map(Criteria::canonical).sorted().distinct().toList())
          + ")";
    }
  }

  /** Any of the operands. */
  record Or(List<Criteria> operands) implements Criteria {
    @Override
    public int terms() {
      return operands.stream().mapToInt(Criteria::terms).sum();
    }

    public Or {
      operands = List.copyOf(operands);
    }

    @Override
    public String canonical() {
      return "OR("
          + String.join(
              ",", operands.stream().map(Criteria::canonical).sorted().distinct().toList())
          + ")";
    }
  }

  /** Patients not matching the operand. */
  record Not(Criteria operand) implements Criteria {
    @Override
    public int terms() {
      return operand.terms();
    }

    @Override
    public String canonical() {
      return "NOT(" + operand.canonical() + ")";
    }
  }
}
