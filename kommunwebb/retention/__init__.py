"""Retention engine: one place that declares how long each kind of personal data is kept."""
