package org.ccpfhir.bridgehead.subjectaccess;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.web.util.HtmlUtils;

/**
 * The human-readable form of an access request's export: the summary table, then per component
 * every resource as a list of its element paths and values. Every value is HTML-escaped — the
 * export holds whatever was typed into clinical systems — and the page loads nothing from
 * elsewhere.
 */
public final class AccessRequestHtml {

  private static final String STYLE =
      "body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}"
          + "td,th{border:1px solid #999;padding:.2em .5em;text-align:left}"
          + "dt{font-family:monospace;color:#444}dd{margin:0 0 .3em 2em}";

  private AccessRequestHtml() {}

  public static String render(Bundle export) {
    StringBuilder html = new StringBuilder();
    String caseNumber = export.getIdentifier().getValue();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append("Access request ")
        .append(escape(caseNumber))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n<h1>Access request ")
        .append(escape(caseNumber))
        .append("</h1>\n");
    Parameters summary = (Parameters) export.getEntryFirstRep().getResource();
    summary(html, summary);
    for (ExportComponent component : ExportComponent.values()) {
      List<Resource> resources = resourcesOf(export, component);
      html.append("<h2>").append(escape(component.title())).append("</h2>\n");
      if (resources.isEmpty()) {
        html.append("<p>Nothing stored.</p>\n");
      }
      for (Resource resource : resources) {
        html.append("<h3>").append(escape(title(resource))).append("</h3>\n<dl>\n");
        for (String[] row : rows(resource)) {
          html.append("<dt>")
              .append(escape(row[0]))
              .append("</dt><dd>")
              .append(escape(row[1]))
              .append("</dd>\n");
        }
        html.append("</dl>\n");
      }
    }
    return html.append("</body></html>\n").toString();
  }

  private static void summary(StringBuilder html, Parameters summary) {
    html.append("<p>Site ")
        .append(escape(value(summary.getParameter("site"))))
        .append(", opened ")
        .append(escape(value(summary.getParameter("created"))))
        .append("</p>\n<table><tr><th>component</th><th>status</th><th>entries</th>")
        .append("<th>note</th></tr>\n");
    for (Parameters.ParametersParameterComponent component : summary.getParameters("component")) {
      html.append("<tr>");
      for (String name : new String[] {"name", "status", "count", "note"}) {
        html.append("<td>").append(escape(value(part(component, name)))).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private static List<Resource> resourcesOf(Bundle export, ExportComponent component) {
    List<Resource> resources = new ArrayList<>();
    for (Bundle.BundleEntryComponent entry : export.getEntry()) {
      Resource resource = entry.getResource();
      if (resource != null
          && AccessRequestExport.componentOf(resource).filter(component::equals).isPresent()) {
        resources.add(resource);
      }
    }
    return resources;
  }

  private static String title(Resource resource) {
    return resource.hasIdElement() && resource.getIdElement().hasIdPart()
        ? resource.fhirType() + "/" + resource.getIdElement().getIdPart()
        : resource.fhirType();
  }

  /** Path and value of every primitive in the resource (meta left out: the tags are ours). */
  static List<String[]> rows(Base base) {
    List<String[]> rows = new ArrayList<>();
    collect(base, "", rows);
    return rows;
  }

  private static void collect(Base base, String path, List<String[]> rows) {
    for (Property property : base.children()) {
      if (property.getName().equals("meta") || property.getName().equals("id")) {
        continue;
      }
      for (Base value : property.getValues()) {
        String at = path.isEmpty() ? property.getName() : path + "." + property.getName();
        if (value.isPrimitive()) {
          rows.add(new String[] {at, value.primitiveValue()});
        } else {
          collect(value, at, rows);
        }
      }
    }
  }

  private static Parameters.ParametersParameterComponent part(
      Parameters.ParametersParameterComponent parent, String name) {
    return parent.getPart().stream().filter(p -> name.equals(p.getName())).findFirst().orElse(null);
  }

  private static String value(Parameters.ParametersParameterComponent part) {
    return part == null || part.getValue() == null ? "" : part.getValue().primitiveValue();
  }

  private static String escape(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
  }
}
