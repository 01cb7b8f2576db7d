@decorator  ### "decorators are not supported"
def f():
    pass
