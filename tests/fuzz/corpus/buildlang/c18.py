python_sources("lib")  ### "python_sources\(\) takes no positional arguments"
