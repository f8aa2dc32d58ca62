package dev.outrigger.demo.catalog.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every request for the catalog's API and applies the current {@link Fault} to it;
 * the chaos endpoints and health checks are left alone, so a failing catalog stays healthy
 * in the registry and can always be reset.
 */
@Component
@ConditionalOnBooleanProperty("catalog.chaos.enabled")
class ChaosFilter extends OncePerRequestFilter {

	private final Chaos chaos;

	ChaosFilter(Chaos chaos) {
		this.chaos = chaos;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return isUnder(path, "/chaos") || isUnder(path, "/actuator") || isUnder(path, "/error");
	}

	private static boolean isUnder(String path, String prefix) {
		return path.equals(prefix) || path.startsWith(prefix + "/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		this.chaos.count(request.getMethod());
		Fault fault = this.chaos.fault();
		if (fault.delayMs() > 0) {
			try {
				Thread.sleep(fault.delayMs());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (fault.failStatus() > 0) {
			fail(response, fault.failStatus());
			return;
		}
		chain.doFilter(request, response);
	}

	private static void fail(HttpServletResponse response, int status) throws IOException {
		byte[] body = ("{\"error\":\"chaos\",\"message\":\"chaos is on: every request answers " + status + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
