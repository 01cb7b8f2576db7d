exec("x")  ### "name 'exec' is not defined"
