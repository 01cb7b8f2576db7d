x = len(5)  ### "object of type 'int' has no len\(\)"
