package dev.outrigger.core.traffic;

/** Applies a {@link HeaderPolicy} to the headers of a request or an answer. */
public final class HeaderEditor {

	private final String[] remove;

	private final String[] addNames;

	private final String[] addValues;

	public HeaderEditor(HeaderPolicy policy) {
		this.remove = policy.remove().toArray(new String[0]);
		this.addNames = policy.add().keySet().toArray(new String[0]);
		this.addValues = policy.add().values().toArray(new String[0]);
	}

	/** Whether no header is changed. */
	public boolean isOff() {
		return this.remove.length == 0 && this.addNames.length == 0;
	}

	/** Removes, then sets, the headers of the policy. */
	public void apply(MutableHeaders headers) {
		for (String name : this.remove) {
			headers.remove(name);
		}
		for (int i = 0; i < this.addNames.length; i++) {
			headers.set(this.addNames[i], this.addValues[i]);
		}
	}

	/** The headers being edited, whatever server or client holds them. */
	public interface MutableHeaders {

		/** Removes every value of a header. */
		void remove(String name);

		/** Sets a header to one value, replacing any other. */
		void set(String name, String value);

	}

}
