eval("1")  ### "name 'eval' is not defined"
