package org.ccpfhir.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Follows a FHIR search's {@code next} links to the end, as a client would: every page must answer
 * 200, and the pages together must hold {@code Bundle.total} entries.
 */
public final class SearchPages {

  /** Upper bound of pages followed (a server that links to itself must not hang a test). */
  private static final int MAX_PAGES = 100;

  private SearchPages() {}

  /** What the pages held. */
  public record Result(Integer total, int pages, List<String> ids) {}

  /**
   * @param request a fresh request (credentials, trust) for each page
   * @param path the first page, relative to the request's base URI (e.g. {@code
   *     /fhir/StructureDefinition})
   */
  public static Result all(Supplier<RequestSpecification> request, String path) {
    List<String> ids = new ArrayList<>();
    Integer total = null;
    String next = path;
    int pages = 0;
    while (next != null) {
      assertThat(pages).as("pages followed from %s", path).isLessThan(MAX_PAGES);
      JsonPath page = request.get().get(next).then().statusCode(200).extract().jsonPath();
      pages++;
      if (total == null) {
        total = page.get("total");
      }
      List<String> pageIds = page.getList("entry.resource.id", String.class);
      if (pageIds != null) {
        ids.addAll(pageIds);
      }
      List<String> nextLinks = page.getList("link.findAll { it.relation == 'next' }.url");
      next = nextLinks == null || nextLinks.isEmpty() ? null : nextLinks.get(0);
    }
    return new Result(total, pages, ids);
  }
}
