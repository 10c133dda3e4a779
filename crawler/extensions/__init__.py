"""Scrapy extensions of the crawler, one job per module."""
