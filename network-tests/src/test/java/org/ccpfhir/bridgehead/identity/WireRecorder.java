package org.ccpfhir.bridgehead.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Test-only addition to an identity app: records every request and response body it handles, so
 * tests can assert what crossed the wire between the components (the last {@value #KEEP}: a test
 * JVM keeping every body looked like a leak in the fuzz runs' heap figures).
 */
@Configuration
public class WireRecorder {

  /** One exchange as seen by the server. */
  public record Exchange(String path, String request, String response) {}

  /** The most recent exchanges kept: the fuzz runs send thousands through the same JVM. */
  static final int KEEP = 200;

  private final Deque<Exchange> recent = new ArrayDeque<>();
  private long total;

  /** How many exchanges were recorded so far: the mark for {@link #since}. */
  public synchronized long count() {
    return total;
  }

  /** The exchanges recorded after {@code count} was taken (at most the last {@value #KEEP}). */
  public synchronized List<Exchange> since(long count) {
    List<Exchange> kept = List.copyOf(recent);
    int newer = (int) Math.min(total - count, kept.size());
    return kept.subList(kept.size() - newer, kept.size());
  }

  private synchronized void record(Exchange exchange) {
    recent.addLast(exchange);
    total++;
    if (recent.size() > KEEP) {
      recent.removeFirst();
    }
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
                  record(
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
