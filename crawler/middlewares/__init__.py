"""Downloader middlewares of the crawler, one job per module."""
