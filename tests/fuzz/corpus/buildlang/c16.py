__import__("os")  ### "name '__import__' is not defined"
