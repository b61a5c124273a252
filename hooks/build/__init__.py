"""The build engine: incremental and parallel page rendering behind `mkdocs build` (secretariat/build)."""
