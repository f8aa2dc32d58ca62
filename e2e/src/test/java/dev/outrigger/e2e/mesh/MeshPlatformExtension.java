package dev.outrigger.e2e.mesh;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the mesh once for the whole test run (kept in the root store, closed at its end)
 * and hands it to test classes as a parameter.
 */
final class MeshPlatformExtension implements ParameterResolver {

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == MeshPlatform.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
		return store.computeIfAbsent(MeshPlatform.class, (key) -> startPlatform(), MeshPlatform.class);
	}

	private static MeshPlatform startPlatform() {
		try {
			return MeshPlatform.start();
		}
		catch (Exception ex) {
			throw new IllegalStateException("The mesh did not start: " + ex.getMessage(), ex);
		}
	}

}
