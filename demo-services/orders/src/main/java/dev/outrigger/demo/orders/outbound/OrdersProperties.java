package dev.outrigger.demo.orders.outbound;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the orders service's outbound calls, under {@code orders.*}.
 *
 * @param catalogUrl base URL of the catalog, by service name
 * @param paymentsUrl base URL of payments, by service name
 * @param httpProxy the sidecar as an HTTP forward proxy, e.g. {@code http://127.0.0.1:15001}
 * (defaults to env {@code HTTP_PROXY}); wins over {@code mesh-url}
 * @param meshUrl the sidecar as a URL prefix, used when there is no proxy: {@code http://catalog}
 * becomes {@code <mesh-url>/catalog} (env {@code ORDERS_MESH_URL})
 * @param connectTimeout how long to wait for a connection to the sidecar or a dependency
 * @param readTimeout how long to wait for a dependency's answer
 */
@ConfigurationProperties("orders")
record OrdersProperties(@DefaultValue("http://catalog") URI catalogUrl,
		@DefaultValue("http://payments") URI paymentsUrl, @Nullable String httpProxy, @Nullable String meshUrl,
		@DefaultValue("1s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout) {

}
