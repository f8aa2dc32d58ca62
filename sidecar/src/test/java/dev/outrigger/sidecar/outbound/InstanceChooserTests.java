package dev.outrigger.sidecar.outbound;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;

import dev.outrigger.core.error.MeshError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;

class InstanceChooserTests {

	private final LoadBalancerClientFactory loadBalancers = mock(LoadBalancerClientFactory.class);

	private final DiscoveryClient discovery = mock(DiscoveryClient.class);

	@SuppressWarnings("unchecked")
	private final ReactiveLoadBalancer<ServiceInstance> catalogBalancer = mock(ReactiveLoadBalancer.class);

	private final ServiceInstance catalog1 = new DefaultServiceInstance("catalog-1", "catalog", "10.0.0.7", 15006,
			false);

	private Set<String> registered = Set.of();

	private final InstanceChooser chooser = new InstanceChooser(this.loadBalancers, this.discovery,
			(service) -> this.registered.contains(service));

	@Test
	void choosesAnInstanceThroughTheServicesLoadBalancer() {
		given(this.discovery.getServices()).willReturn(List.of("catalog"));
		given(this.loadBalancers.getInstance("catalog")).willReturn(this.catalogBalancer);
		given(this.catalogBalancer.choose()).willReturn(Mono.just(new DefaultResponse(this.catalog1)));

		assertThat(this.chooser.choose("catalog").block()).isSameAs(this.catalog1);
	}

	@Test
	void callsAServiceTheRegistryDoesNotKnowUnknown() {
		given(this.discovery.getServices()).willReturn(List.of("catalog"));

		assertThat(this.chooser.choose("ghost").blockOptional()).isEmpty();
		assertThat(this.chooser.noInstance("ghost")).isEqualTo(MeshError.unknownService("ghost"));
	}

	@Test
	void createsNoLoadBalancerForAnUnknownName() {
		given(this.discovery.getServices()).willReturn(List.of());

		this.chooser.choose("random-name-42").blockOptional();

		then(this.loadBalancers).should(never()).getInstance("random-name-42");
	}

	@Test
	void callsAServiceRegisteredOnlyAsDownUnhealthyNotUnknown() {
		given(this.discovery.getServices()).willReturn(List.of());
		this.registered = Set.of("payments");

		assertThat(this.chooser.choose("payments").blockOptional()).isEmpty();
		assertThat(this.chooser.noInstance("payments")).isEqualTo(MeshError.noHealthyInstance("payments"));
	}

	@Test
	void callsAServiceWhoseLoadBalancerFindsNoInstanceUnhealthy() {
		given(this.discovery.getServices()).willReturn(List.of("catalog"));
		given(this.loadBalancers.getInstance("catalog")).willReturn(this.catalogBalancer);
		given(this.catalogBalancer.choose()).willReturn(Mono.just(new EmptyResponse()));

		assertThat(this.chooser.choose("catalog").blockOptional()).isEmpty();
		assertThat(this.chooser.noInstance("catalog")).isEqualTo(MeshError.noHealthyInstance("catalog"));
	}

	@Test
	void keepsCallingAServiceSeenBeforeUnhealthyWhenAllItsInstancesAreGone() {
		given(this.discovery.getServices()).willReturn(List.of("catalog"));
		given(this.loadBalancers.getInstance("catalog")).willReturn(this.catalogBalancer);
		given(this.catalogBalancer.choose()).willReturn(Mono.just(new DefaultResponse(this.catalog1)),
				Mono.just(new EmptyResponse()));
		this.chooser.choose("catalog").block();

		assertThat(this.chooser.choose("catalog").blockOptional()).isEmpty();
		assertThat(this.chooser.noInstance("catalog")).isEqualTo(MeshError.noHealthyInstance("catalog"));
	}

	@Test
	void scansTheRegistryOnlyOnceForAServiceSeenBefore() {
		given(this.discovery.getServices()).willReturn(List.of("catalog"));
		given(this.loadBalancers.getInstance("catalog")).willReturn(this.catalogBalancer);
		given(this.catalogBalancer.choose()).willReturn(Mono.just(new DefaultResponse(this.catalog1)));

		this.chooser.choose("catalog").block();
		this.chooser.choose("catalog").block();

		then(this.discovery).should(times(1)).getServices();
	}

}
