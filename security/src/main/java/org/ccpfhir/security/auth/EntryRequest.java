package org.ccpfhir.security.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * One entry of a batch or transaction Bundle seen as the direct request it stands for: the entry's
 * method and URL below the FHIR servlet of the request that carried the Bundle; everything else
 * (caller, certificate, headers, remote address) is the carrier's. Attributes written while the
 * rules look at it stay in the entry, and the carrier's cached parsed path is not visible, so the
 * path matchers parse the entry's own path.
 */
final class EntryRequest extends HttpServletRequestWrapper {

  private final String method;
  private final String path;
  private final String query;
  private final Map<String, Object> attributes = new HashMap<>();
  private final Map<String, String[]> parameters;

  /**
   * @param carrier the request that carried the Bundle
   * @param method the entry's HTTP method
   * @param path the entry's path below the FHIR base, percent-encoded as sent, without a leading
   *     slash
   * @param query the entry's query string, or null
   */
  EntryRequest(HttpServletRequest carrier, String method, String path, String query) {
    super(carrier);
    this.method = method;
    this.path = path;
    this.query = query;
    this.parameters = parse(query);
  }

  @Override
  public String getMethod() {
    return method;
  }

  @Override
  public String getRequestURI() {
    return getContextPath() + getServletPath() + "/" + path;
  }

  @Override
  public StringBuffer getRequestURL() {
    HttpServletRequest carrier = (HttpServletRequest) getRequest();
    String url = carrier.getRequestURL().toString();
    String origin = url.substring(0, url.length() - carrier.getRequestURI().length());
    return new StringBuffer(origin + getRequestURI());
  }

  @Override
  public String getPathInfo() {
    return "/" + UriUtils.decode(path, StandardCharsets.UTF_8);
  }

  @Override
  public String getQueryString() {
    return query;
  }

  @Override
  public String getParameter(String name) {
    String[] values = parameters.get(name);
    return values == null ? null : values[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return Collections.unmodifiableMap(parameters);
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(parameters.keySet());
  }

  @Override
  public String[] getParameterValues(String name) {
    return parameters.get(name);
  }

  @Override
  public Object getAttribute(String name) {
    if (attributes.containsKey(name)) {
      return attributes.get(name);
    }
    return describesCarrierPath(name) ? null : super.getAttribute(name);
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    List<String> names = new java.util.ArrayList<>(attributes.keySet());
    Collections.list(super.getAttributeNames()).stream()
        .filter(n -> !describesCarrierPath(n) && !attributes.containsKey(n))
        .forEach(names::add);
    return Collections.enumeration(names);
  }

  @Override
  public void setAttribute(String name, Object value) {
    attributes.put(name, value);
  }

  @Override
  public void removeAttribute(String name) {
    attributes.put(name, null);
  }

  private static boolean describesCarrierPath(String name) {
    return name.equals(ServletRequestPathUtils.PATH_ATTRIBUTE)
        || name.equals(UrlPathHelper.PATH_ATTRIBUTE)
        || name.startsWith("jakarta.servlet.include.")
        || name.startsWith("jakarta.servlet.forward.");
  }

  private static Map<String, String[]> parse(String query) {
    Map<String, String[]> result = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return result;
    }
    MultiValueMap<String, String> raw =
        UriComponentsBuilder.newInstance().query(query).build().getQueryParams();
    raw.forEach(
        (name, values) ->
            result.put(
                UriUtils.decode(name, StandardCharsets.UTF_8),
                values.stream()
                    .map(v -> v == null ? "" : UriUtils.decode(v, StandardCharsets.UTF_8))
                    .toArray(String[]::new)));
    return result;
  }
}
