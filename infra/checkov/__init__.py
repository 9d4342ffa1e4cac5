"""Checkov's own checks for csba (loaded by infra/iac_checks.py with --external-checks-dir; checkov's venv only)."""
