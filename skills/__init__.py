"""Reference data, the skills vocabulary and the mapping of offerings onto qualifications.

Plain Python core: imports neither FastAPI nor Scrapy.
"""
