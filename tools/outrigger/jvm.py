"""The JVM flags of every Java process Outrigger's tools start: the one definition.

./mesh starts the mesh with them and bench/run measures with them, so the benchmark runs what
./mesh up runs. docker/Dockerfile sizes the heap from the container limit instead (see there).
"""

# Small heaps and serial GC keep ~12 JVMs on a laptop. C1 only (TieredStopAtLevel=1) starts
# faster; the proxies on the hot path keep full C2.
_COMMON = ["-XX:+UseSerialGC", "-Xss512k", "-XX:+ExitOnOutOfMemoryError"]
_SMALL = _COMMON + ["-Xmx192m", "-XX:TieredStopAtLevel=1"]
_PROXY = _COMMON + ["-Xmx256m"]
# The sidecar runs beside every instance, so its footprint is multiplied: a heap that starts
# small and gives memory back (free ratios), a bounded code cache and direct memory, two JIT
# threads. Measured (bench/README.md): ~230 MiB RSS under load instead of ~300, same req/s.
_SIDECAR = ["-XX:+UseSerialGC", "-Xss256k", "-XX:+ExitOnOutOfMemoryError", "-Xms16m",
            "-Xmx64m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
            "-XX:ReservedCodeCacheSize=32m", "-XX:MaxDirectMemorySize=32m",
            "-XX:CICompilerCount=2"]

JVM_FLAGS = {
    "registry": _SMALL,
    "config-server": _SMALL,
    # the demo services catalog and orders
    "app": _SMALL,
    "zipkin": _PROXY,
    "gateway": _PROXY,
    "sidecar": _SIDECAR,
    # `./mesh validate`: one short run of the config server's validator
    "validator": ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"],
    # bench/run's open-loop load generator: runs for the whole benchmark, so full JIT
    "load-generator": ["-XX:+UseSerialGC", "-Xmx256m", "-Xss512k"],
}

# glibc gives each thread that allocates its own 64 MiB malloc arena; two are plenty for a JVM
# whose large allocations are its own (heap, metaspace, code cache).
JVM_ENV = {"MALLOC_ARENA_MAX": "2"}


def jvm_flags(role):
    """A fresh list of the flags of a role (callers extend it)."""
    if role not in JVM_FLAGS:
        raise KeyError(f"no JVM flags for role '{role}'; known: {', '.join(JVM_FLAGS)}")
    return list(JVM_FLAGS[role])
