package dev.outrigger.demo.catalog.item;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the catalog version that answered in an {@code X-Catalog-Version} header on every
 * answer, so a traffic split can be watched with {@code curl -i}.
 */
@Component
// Binds its own settings, so slice tests that pick up every filter can create it.
@EnableConfigurationProperties(CatalogProperties.class)
class CatalogVersionHeaderFilter extends OncePerRequestFilter {

	/** Response header that names the version of the catalog that answered. */
	static final String HEADER = "X-Catalog-Version";

	private final String version;

	CatalogVersionHeaderFilter(CatalogProperties properties) {
		this.version = properties.version();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader(HEADER, this.version);
		chain.doFilter(request, response);
	}

}
