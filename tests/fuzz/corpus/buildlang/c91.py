x = python_sources.sources.default
y = "a,b".split(",")
z = sorted(y, key=lambda s: s, reverse=True)

