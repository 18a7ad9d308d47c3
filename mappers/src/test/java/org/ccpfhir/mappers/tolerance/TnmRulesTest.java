package org.ccpfhir.mappers.tolerance;

import static org.assertj.core.api.Assertions.assertThat;

import org.ccpfhir.mappers.fhir.Onco.Tnm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One case per TNM row of the policy table in mappers/README.md. */
class TnmRulesTest {

  static Tnm raw(String t, String n, String m) {
    return new Tnm("k", true, null, "8", null, null, null, "c", t, null, "c", n, "c", m, null);
  }

  static Tnm symbols(String y, String r, String mSymbol, String stage) {
    return new Tnm(
        "k", true, null, "8", y, r, null, "p", "2", mSymbol, null, null, null, null, stage);
  }

  @Test
  void codesOfTheListAreKeptWithoutIssue() {
    Issues issues = new Issues();
    Tnm tnm = TnmRules.normalise(raw("1a", "0(sn)", "1c"), true, "cTNM", issues);
    assertThat(tnm.t()).isEqualTo("1a");
    assertThat(tnm.n()).isEqualTo("0(sn)");
    assertThat(tnm.m()).isEqualTo("1c");
    assertThat(tnm.notes()).isEmpty();
    assertThat(issues.isEmpty()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    // N: the longest known code wins, what it cannot say is noted
    "N, 0(sn)(mol+), 0(sn), (mol+)",
    "N, 1a(sn), 1a, (sn)",
    "N, 1(mol+), 1, (mol+)",
    "N, 2(i+), 2, (i+)",
    // M: cytology and localisation suffixes
    "M, 0(cy-), 0, (cy-)",
    "M, 1(PUL), 1, (PUL)",
    "M, 1(cy+), 1, (cy+)",
    // T: multiplicity written into T
    "T, 2(m), 2, (m)",
  })
  void suffixesTheListDoesNotKnowAreCutAndNoted(
      String category, String value, String code, String lost) {
    Issues issues = new Issues();
    Tnm tnm =
        TnmRules.normalise(
            raw(
                category.equals("T") ? value : null,
                category.equals("N") ? value : null,
                category.equals("M") ? value : null),
            true,
            "cTNM",
            issues);
    String coded = category.equals("T") ? tnm.t() : category.equals("N") ? tnm.n() : tnm.m();
    assertThat(coded).isEqualTo(code);
    assertThat(tnm.notes()).singleElement().asString().contains(value).contains(category + code);
    assertThat(issues.all())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.action()).isEqualTo(Issue.Action.NORMALISED);
              assertThat(i.rule()).isEqualTo("tnm-suffix-dropped");
              assertThat(i.element()).isEqualTo("cTNM/" + category);
              assertThat(i.detail()).contains(lost);
            });
  }

  @ParameterizedTest
  @CsvSource({"N, pN1, 1", "N, N2a, 2a", "T, cT3, 3", "M, x, X", "T, ' 2 b', 2b"})
  void categoryLettersCaseAndBlanksAreSpellings(String category, String value, String code) {
    Issues issues = new Issues();
    Tnm tnm =
        TnmRules.normalise(
            raw(
                category.equals("T") ? value : null,
                category.equals("N") ? value : null,
                category.equals("M") ? value : null),
            true,
            "cTNM",
            issues);
    String coded = category.equals("T") ? tnm.t() : category.equals("N") ? tnm.n() : tnm.m();
    assertThat(coded).isEqualTo(code);
    assertThat(issues.all()).allMatch(i -> i.action() == Issue.Action.NORMALISED);
  }

  @Test
  void anUncodableCategoryIsLeftOutWithItsPrefixAndTheRestKept() {
    Issues issues = new Issues();
    Tnm tnm = TnmRules.normalise(raw("2", "(sn)(mol+)", "2(cy-)"), true, "cTNM", issues);
    assertThat(tnm.t()).isEqualTo("2");
    assertThat(tnm.n()).isNull();
    assertThat(tnm.nPrefix()).isNull();
    assertThat(tnm.m()).isNull();
    assertThat(tnm.mPrefix()).isNull();
    assertThat(issues.all())
        .extracting(Issue::action, Issue::rule, Issue::element)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Issue.Action.DROPPED, "tnm-code-unknown", "cTNM/N"),
            org.assertj.core.groups.Tuple.tuple(
                Issue.Action.DROPPED, "tnm-code-unknown", "cTNM/M"));
    assertThat(tnm.notes()).hasSize(2);
  }

  @Test
  void yAndRSymbolNineIsLeftOut() {
    Issues issues = new Issues();
    Tnm tnm = TnmRules.normalise(symbols("9", "9", null, null), false, "pTNM", issues);
    assertThat(tnm.ySymbol()).isNull();
    assertThat(tnm.rSymbol()).isNull();
    assertThat(issues.all())
        .extracting(Issue::rule, Issue::element)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("tnm-symbol-unknown", "pTNM/y-symbol"),
            org.assertj.core.groups.Tuple.tuple("tnm-symbol-unknown", "pTNM/r-symbol"));
    Issues upper = new Issues();
    assertThat(TnmRules.normalise(symbols("Y", "r", null, null), false, "pTNM", upper).ySymbol())
        .isEqualTo("y");
  }

  @ParameterizedTest
  @CsvSource({
    "m1, m, tnm-suffix-dropped",
    "(m), m, tnm-spelling",
    "M, m, tnm-spelling",
    "12, m, tnm-m-count",
    "'14,is', 'm,is', tnm-m-count",
    "3, 3, ''",
  })
  void mSymbolSpellings(String value, String code, String rule) {
    Issues issues = new Issues();
    Tnm tnm = TnmRules.normalise(symbols(null, null, value, null), false, "pTNM", issues);
    assertThat(tnm.mSymbol()).isEqualTo(code);
    if (rule.isEmpty()) {
      assertThat(issues.isEmpty()).isTrue();
    } else {
      assertThat(issues.all()).singleElement().extracting(Issue::rule).isEqualTo(rule);
    }
  }

  @Test
  void anMSymbolOfOneSaysNoMultiplicityAndIsLeftOut() {
    Issues issues = new Issues();
    assertThat(TnmRules.normalise(symbols(null, null, "1", null), false, "p", issues).mSymbol())
        .isNull();
    assertThat(issues.all())
        .singleElement()
        .extracting(Issue::action)
        .isEqualTo(Issue.Action.DROPPED);
  }

  @Test
  void uiccStageIgnoresCaseAndWordsButNotUnknownStages() {
    Issues issues = new Issues();
    assertThat(TnmRules.normalise(symbols(null, null, null, "iiia"), false, "p", issues).stage())
        .isEqualTo("IIIA");
    assertThat(
            TnmRules.normalise(symbols(null, null, null, "Stadium IV"), false, "p", issues).stage())
        .isEqualTo("IV");
    assertThat(TnmRules.normalise(symbols(null, null, null, "IIIZ"), false, "p", issues).stage())
        .isNull();
    assertThat(issues.all())
        .extracting(Issue::rule)
        .containsExactly("tnm-spelling", "tnm-spelling", "uicc-stage-unknown");
  }

  @Test
  void uIsASubcategoryOfClinicalAndTheBlockNameWins() {
    // OP / Verlauf TNM: the first prefix decides, u and none are clinical
    assertThat(TnmRules.clinical(null, "u", "c", "c")).isTrue();
    assertThat(TnmRules.clinical(null, "p", "c", null)).isFalse();
    assertThat(TnmRules.clinical(null, null, "p", null)).isFalse();
    assertThat(TnmRules.clinical(null, null, null, null)).isTrue();
    // a cTNM block with pN and pM stays clinical, a pTNM block with cT stays pathological
    assertThat(TnmRules.clinical(true, "c", "p", "p")).isTrue();
    assertThat(TnmRules.clinical(false, "c", "p", "p")).isFalse();
    Issues issues = new Issues();
    Tnm t =
        TnmRules.normalise(
            new Tnm(
                "k", true, null, "8", null, null, null, "c", "2", null, "p", "1", "p", "0", null),
            true,
            "cTNM",
            issues);
    assertThat(t.clinical()).isTrue();
    assertThat(t.nPrefix()).isEqualTo("p");
    assertThat(t.mPrefix()).isEqualTo("p");
  }

  @Test
  void anUnknownPrefixIsLeftOut() {
    Issues issues = new Issues();
    Tnm t =
        TnmRules.normalise(
            new Tnm(
                "k", true, null, "8", null, null, null, "9", "2", null, "P", "1", null, null, null),
            null,
            "TNM",
            issues);
    assertThat(t.tPrefix()).isNull();
    assertThat(t.nPrefix()).isEqualTo("p");
    assertThat(t.clinical()).isFalse();
    assertThat(issues.all())
        .extracting(Issue::rule)
        .containsExactly("tnm-prefix-unknown", "tnm-spelling");
  }

  @Test
  void freeTextIsNeverQuoted() {
    Issues issues = new Issues();
    TnmRules.normalise(raw(null, "siehe Befund Dr. Müller!", "Schmidt"), true, "cTNM", issues);
    assertThat(issues.all().toString())
        .doesNotContain("Müller")
        .doesNotContain("Schmidt")
        .contains("(value withheld)");
    assertThat(Issues.quote("0(sn)(mol+)")).isEqualTo("'0(sn)(mol+)'");
    assertThat(Issues.quote("9")).isEqualTo("'9'");
  }
}
