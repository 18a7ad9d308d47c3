package org.ccpfhir.bridgehead.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VisibleCountsTest {

  @Test
  void theCountedSearchKeepsTheCriteriaAndDropsWhatOnlyShapesTheAnswer() {
    Map<String, String[]> parameters = new LinkedHashMap<>();
    parameters.put("identifier", new String[] {"sys|a b", "c&d"});
    parameters.put("_has:Condition:subject:code", new String[] {"C50"});
    parameters.put("_summary", new String[] {"count"});
    parameters.put("_total", new String[] {"accurate"});
    parameters.put("_count", new String[] {"0"});
    parameters.put("_sort", new String[] {"-_lastUpdated"});
    parameters.put("_include", new String[] {"Patient:organization"});
    parameters.put("_format", new String[] {"json"});

    assertThat(VisibleCounts.criteria(parameters))
        .isEqualTo("identifier=sys%7Ca+b&identifier=c%26d&_has%3ACondition%3Asubject%3Acode=C50");
  }
}
