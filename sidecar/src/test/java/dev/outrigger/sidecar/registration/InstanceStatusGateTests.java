package dev.outrigger.sidecar.registration;

import java.util.ArrayList;
import java.util.List;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

class InstanceStatusGateTests {

	private final ApplicationInfoManager infoManager = mock(ApplicationInfoManager.class);

	private final InstanceInfo info = InstanceInfo.Builder.newBuilder()
		.setAppName("catalog")
		.setInstanceId("catalog:127.0.0.1:15006")
		.setHostName("127.0.0.1")
		.setStatus(InstanceStatus.STARTING)
		.build();

	private final List<InstanceStatus> registryOverrides = new ArrayList<>();

	private final InstanceStatusGate gate = new InstanceStatusGate(this.infoManager, this.registryOverrides::add);

	@BeforeEach
	void registryClientKeepsTheStatusItIsGiven() {
		given(this.infoManager.getInfo()).willReturn(this.info);
		willAnswer((invocation) -> this.info.setStatus(invocation.getArgument(0))).given(this.infoManager)
			.setInstanceStatus(any());
	}

	@Test
	void wantsDownBeforeTheFirstCheck() {
		assertThat(this.gate.desired()).isEqualTo(InstanceStatus.DOWN);
		assertThat(this.gate.lastReason()).isEqualTo("not checked yet");
		assertThat(this.gate.registered()).isEqualTo(InstanceStatus.STARTING);
	}

	@Test
	void marksTheInstanceDownWhileTheAppIsUnhealthy() {
		this.gate.appChecked(false, "GET /health -> 503");

		then(this.infoManager).should().setInstanceStatus(InstanceStatus.DOWN);
		assertThat(this.gate.registered()).isEqualTo(InstanceStatus.DOWN);
		assertThat(this.gate.lastReason()).isEqualTo("GET /health -> 503");
	}

	@Test
	void marksTheInstanceUpOnceTheAppIsHealthy() {
		this.gate.appChecked(true, "GET /health -> 200");

		then(this.infoManager).should().setInstanceStatus(InstanceStatus.UP);
		assertThat(this.gate.appHealthy()).isTrue();
	}

	@Test
	void followsTheAppDownAndBackUp() {
		this.gate.appChecked(true, "GET /health -> 200");
		this.gate.appChecked(false, "GET /health failed: Connection refused");
		assertThat(this.gate.registered()).isEqualTo(InstanceStatus.DOWN);

		this.gate.appChecked(true, "GET /health -> 204");

		assertThat(this.gate.registered()).isEqualTo(InstanceStatus.UP);
	}

	@Test
	void leavesTheRegistryAloneWhileNothingChanges() {
		this.gate.appChecked(true, "GET /health -> 200");
		this.gate.appChecked(true, "GET /health -> 200");
		this.gate.appChecked(true, "GET /health -> 200");

		then(this.infoManager).should().setInstanceStatus(InstanceStatus.UP);
		assertThat(this.registryOverrides).isEmpty();
	}

	@Test
	void restoresTheStatusWhenSomethingElseChangedIt() {
		this.gate.appChecked(true, "GET /health -> 200");
		this.info.setStatus(InstanceStatus.STARTING);

		this.gate.appChecked(true, "GET /health -> 200");

		assertThat(this.gate.registered()).isEqualTo(InstanceStatus.UP);
	}

	@Test
	void takesTheInstanceOutOfServiceWhenLeaving() {
		this.gate.appChecked(true, "GET /health -> 200");

		this.gate.leave();

		assertThat(this.gate.registered()).isEqualTo(InstanceStatus.OUT_OF_SERVICE);
		assertThat(this.gate.desired()).isEqualTo(InstanceStatus.OUT_OF_SERVICE);
	}

	@Test
	void asksTheRegistryItselfForOutOfServiceOnceWhenLeaving() {
		this.gate.appChecked(true, "GET /health -> 200");

		this.gate.leave();
		this.gate.leave();

		assertThat(this.registryOverrides).containsExactly(InstanceStatus.OUT_OF_SERVICE);
	}

	@Test
	void leavesEvenWhenTheRegistryCannotBeReached() {
		InstanceStatusGate unreachable = new InstanceStatusGate(this.infoManager, (status) -> {
			throw new IllegalStateException("Cannot execute request on any known server");
		});

		unreachable.leave();

		assertThat(unreachable.registered()).isEqualTo(InstanceStatus.OUT_OF_SERVICE);
	}

	@Test
	void staysOutOfServiceAfterLeavingWhateverTheAppSays() {
		this.gate.leave();

		this.gate.appChecked(true, "GET /health -> 200");
		this.gate.appChecked(false, "GET /health -> 503");
		this.gate.appChecked(true, "GET /health -> 200");

		assertThat(this.gate.registered()).isEqualTo(InstanceStatus.OUT_OF_SERVICE);
		then(this.infoManager).should(never()).setInstanceStatus(InstanceStatus.UP);
		then(this.infoManager).should(never()).setInstanceStatus(InstanceStatus.DOWN);
	}

}
