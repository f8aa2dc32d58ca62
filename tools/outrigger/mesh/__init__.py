"""./mesh: run the Outrigger service mesh on one machine, as local processes (no Docker)."""
