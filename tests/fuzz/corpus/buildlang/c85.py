python_sources(name="lib", dependencies=[":a", "//:reqs#x"], **{"tags": ["t"]})

