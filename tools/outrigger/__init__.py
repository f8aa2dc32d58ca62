"""Outrigger's developer tools: the ./mesh launcher (package mesh) and the benchmark (bench).

Both start the same Java components, so they share the JVM flags (jvm) and the helpers for
processes, ports, HTTP and Eureka (shared).
"""
