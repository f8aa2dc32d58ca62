package dev.outrigger.demo.orders.outbound;

import java.net.ProxySelector;
import java.net.http.HttpClient;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.BufferingClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Builds the catalog and payments clients on one JDK {@link HttpClient}, routed as
 * {@link OutboundRouting} says.
 */
@Configuration(proxyBeanMethods = false)
class OutboundClientConfiguration {

	private static final Log logger = LogFactory.getLog(OutboundClientConfiguration.class);

	@Bean
	OutboundRouting outboundRouting(OrdersProperties properties) {
		OutboundRouting routing = OutboundRouting.of(properties);
		logger.info("Outbound calls go to catalog at " + routing.catalogUrl() + " and payments at "
				+ routing.paymentsUrl() + ((routing.proxy() != null) ? " through proxy " + routing.proxy() : ""));
		return routing;
	}

	@Bean
	ClientHttpRequestFactory outboundRequestFactory(OrdersProperties properties, OutboundRouting routing) {
		// HTTP/1.1 only: an h2c upgrade offer confuses forward proxies and buys nothing here.
		HttpClient.Builder httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout());
		if (routing.proxy() != null) {
			httpClient.proxy(ProxySelector.of(routing.proxy()));
		}
		JdkClientHttpRequestFactory jdk = new JdkClientHttpRequestFactory(httpClient.build());
		jdk.setReadTimeout(properties.readTimeout());
		// Buffered so that bodies go out with a Content-Length rather than chunked: not every
		// server decodes chunked requests (Python's http.server, which payments uses, does not).
		return new BufferingClientHttpRequestFactory(jdk);
	}

	@Bean
	CatalogClient catalogClient(ClientHttpRequestFactory outboundRequestFactory, OutboundRouting routing) {
		return new CatalogClient(restClient(outboundRequestFactory, routing.catalogUrl().toString()));
	}

	@Bean
	PaymentsClient paymentsClient(ClientHttpRequestFactory outboundRequestFactory, OutboundRouting routing) {
		return new PaymentsClient(restClient(outboundRequestFactory, routing.paymentsUrl().toString()));
	}

	private static RestClient restClient(ClientHttpRequestFactory requestFactory, String baseUrl) {
		return RestClient.builder().requestFactory(requestFactory).baseUrl(baseUrl).build();
	}

}
