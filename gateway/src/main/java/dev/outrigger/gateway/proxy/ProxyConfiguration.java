package dev.outrigger.gateway.proxy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers how the gateway forwards headers. */
@Configuration(proxyBeanMethods = false)
class ProxyConfiguration {

	@Bean
	EdgeHopByHopHeadersFilter edgeHopByHopHeadersFilter() {
		return new EdgeHopByHopHeadersFilter();
	}

}
