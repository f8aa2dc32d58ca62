package dev.outrigger.e2e.mesh;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the test classes that break the shared mesh on purpose: each test starts from, and
 * leaves behind, a restored mesh (everything running and UP, config as committed, no chaos).
 */
@ExtendWith(MeshPlatformExtension.class)
abstract class FaultInjectionTests {

	static MeshPlatform mesh;

	static MeshRecovery recovery;

	static CatalogChaos chaos;

	static ShopCalls calls;

	@BeforeAll
	static void platform(MeshPlatform platform) {
		mesh = platform;
		recovery = new MeshRecovery(platform);
		chaos = new CatalogChaos(platform);
		calls = new ShopCalls(platform);
	}

	@BeforeEach
	void steadyMesh() throws Exception {
		recovery.restore();
	}

	@AfterEach
	void restoreMesh() throws Exception {
		recovery.restore();
	}

}
