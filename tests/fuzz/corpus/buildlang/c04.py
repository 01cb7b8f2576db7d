while True:  ### "'while' loops are not supported"
    pass
