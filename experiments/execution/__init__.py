"""Running experiments: one run as a task, the runner, where runs execute, and results on disk."""
