def f():
    yield 1  ### "'yield' is not supported"
