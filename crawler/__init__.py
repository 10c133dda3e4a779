"""Collects offerings from school websites: Scrapy spiders and pipelines, pure extraction, sample web."""
