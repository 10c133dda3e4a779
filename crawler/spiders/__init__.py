"""Spiders: one base spider (:mod:`crawler.spiders.base`) and small variants saying where sites come from."""
