"""The build machinery: publishing, locking, deterministic outputs, the content cache and what changed.

``analysis.pipeline`` runs the task graph; these modules hold what a scheduled build needs around it.
"""
