"""bench/run: the Outrigger data plane against a direct call, nginx and HAProxy, in one run."""
