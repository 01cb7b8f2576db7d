my_sources = ["a.py"]
python_sources(sources=my_source)  ### "name 'my_source' is not defined \(did you mean my_sources\?\)"
