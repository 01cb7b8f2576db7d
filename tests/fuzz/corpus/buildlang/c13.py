open("x")  ### "name 'open' is not defined"
