package org.ccpfhir.bridgehead.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Test-only addition to an identity app: records every request and response body it handles, so
 * tests can assert what crossed the wire between the components.
 */
@Configuration
public class WireRecorder {

  /** One exchange as seen by the server. */
  public record Exchange(String path, String request, String response) {}

  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  @Bean
  public FilterRegistrationBean<OncePerRequestFilter> wireRecordingFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(
            new OncePerRequestFilter() {
              @Override
              protected void doFilterInternal(
                  HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                  throws ServletException, IOException {
                ContentCachingRequestWrapper in = new ContentCachingRequestWrapper(request);
                ContentCachingResponseWrapper out = new ContentCachingResponseWrapper(response);
                try {
                  chain.doFilter(in, out);
                } finally {
                  exchanges.add(
                      new Exchange(
                          request.getRequestURI(),
                          new String(in.getContentAsByteArray(), StandardCharsets.UTF_8),
                          new String(out.getContentAsByteArray(), StandardCharsets.UTF_8)));
                  out.copyBodyToResponse();
                }
              }
            });
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
