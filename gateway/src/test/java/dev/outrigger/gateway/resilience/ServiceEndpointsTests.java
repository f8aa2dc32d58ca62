package dev.outrigger.gateway.resilience;

import java.util.List;
import java.util.Map;

import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import com.netflix.discovery.EurekaClient;
import com.netflix.discovery.shared.Application;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import dev.outrigger.core.resilience.Endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class ServiceEndpointsTests {

	private final DiscoveryClient discovery = mock(DiscoveryClient.class);

	@SuppressWarnings("unchecked")
	private final ObjectProvider<EurekaClient> eureka = mock(ObjectProvider.class);

	private final ServiceEndpoints endpoints = new ServiceEndpoints(this.discovery, this.eureka);

	@Test
	void instancesCarryTheirZoneAndVersion() {
		given(this.discovery.getInstances("shop")).willReturn(List.of(new DefaultServiceInstance("shop-1", "shop",
				"127.0.0.1", 8081, false, Map.of("zone", "eu", "version", "v2"))));

		assertThat(this.endpoints.up("shop"))
			.containsExactly(new Endpoint("shop-1", "127.0.0.1", 8081, "eu", "v2"));
	}

	@Test
	void aVersionWhoseOnlyInstanceIsDownIsStillRegistered() {
		given(this.discovery.getInstances("shop")).willReturn(List.of(
				new DefaultServiceInstance("shop-1", "shop", "127.0.0.1", 8081, false, Map.of("version", "v1"))));
		EurekaClient client = mock(EurekaClient.class);
		Application application = new Application("SHOP");
		application.addInstance(InstanceInfo.Builder.newBuilder()
			.setAppName("SHOP")
			.setInstanceId("shop-2")
			.setHostName("127.0.0.1")
			.setStatus(InstanceStatus.DOWN)
			.setMetadata(Map.of("version", "v2"))
			.build());
		given(client.getApplication("shop")).willReturn(application);
		given(this.eureka.getIfAvailable()).willReturn(client);

		assertThat(this.endpoints.registeredVersions("shop")).containsExactlyInAnyOrder("v1", "v2");
	}

	@Test
	void withoutEurekaTheRegisteredVersionsAreThoseOfTheListedInstances() {
		given(this.discovery.getInstances("shop")).willReturn(List.of(
				new DefaultServiceInstance("shop-1", "shop", "127.0.0.1", 8081, false, Map.of("version", "v1")),
				new DefaultServiceInstance("shop-2", "shop", "127.0.0.1", 8082, false, Map.of())));

		assertThat(this.endpoints.registeredVersions("shop")).containsExactly("v1");
	}

}
